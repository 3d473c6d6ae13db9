package io.stocktsdb.engine.key;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class HashSlotTest {
    private static int slot(String k) {
        return HashSlot.of(k.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void knownRedisSlots() {
        assertThat(slot("foo")).isEqualTo(12182);
        assertThat(slot("bar")).isEqualTo(5061);
        assertThat(slot("hello")).isEqualTo(866);
        assertThat(slot("somekey")).isEqualTo(11058); // CLUSTER KEYSLOT docs
        assertThat(slot("foo{hash_tag}")).isEqualTo(2515); // CLUSTER KEYSLOT docs
        assertThat(slot("")).isEqualTo(0);
    }

    @Test
    void crc16XmodemCheckValue() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(HashSlot.crc16(b, 0, b.length)).isEqualTo(0x31C3);
    }

    @Test
    void hashTagsFollowRedisClusterRules() {
        assertThat(slot("{user1000}.following")).isEqualTo(slot("{user1000}.followers")).isEqualTo(slot("user1000"));
        assertThat(slot("foo{bar}{zap}")).isEqualTo(slot("bar"));
        assertThat(slot("foo{{bar}}zap")).isEqualTo(slot("{bar"));
        // Empty tag: the whole key is hashed.
        byte[] whole = "foo{}{bar}".getBytes(StandardCharsets.US_ASCII);
        assertThat(slot("foo{}{bar}")).isEqualTo(HashSlot.crc16(whole, 0, whole.length) & 16383);
        // No closing brace: whole key.
        byte[] open = "foo{bar".getBytes(StandardCharsets.US_ASCII);
        assertThat(slot("foo{bar")).isEqualTo(HashSlot.crc16(open, 0, open.length) & 16383);
    }
}
