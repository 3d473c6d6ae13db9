package io.stocktsdb.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicatedEntryTest {
    private static byte[][] argv(String... a) {
        byte[][] out = new byte[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = a[i].getBytes(StandardCharsets.UTF_8);
        return out;
    }

    @Test
    void aCommandRoundTripsWithItsClockAndProtocol() {
        ReplicatedEntry e = ReplicatedEntry.command(1_700_000_000_123L, 3, argv("TS.ADD", "k", "*", "1.5"));
        ReplicatedEntry d = ReplicatedEntry.decode(ByteBuffer.wrap(e.encode()));
        assertThat(d.transaction()).isFalse();
        assertThat(d.nowMs()).isEqualTo(1_700_000_000_123L);
        assertThat(d.protocol()).isEqualTo(3);
        assertThat(d.items()).hasSize(1);
        assertThat(d.items().get(0).argv()).isDeepEqualTo(argv("TS.ADD", "k", "*", "1.5"));
        assertThat(d.items().get(0).error()).isNull();
    }

    @Test
    void aTransactionKeepsItsCommandsAndTheLeadersRefusalsInOrder() {
        ReplicatedEntry e = new ReplicatedEntry(true, 42, 2, List.of(
                ReplicatedEntry.Item.command(argv("SET", "a", "")),
                ReplicatedEntry.Item.refused("NOPERM User u has no permissions to run the 'del' command"),
                ReplicatedEntry.Item.command(argv("GET", "a"))));
        ReplicatedEntry d = ReplicatedEntry.decode(ByteBuffer.wrap(e.encode()));
        assertThat(d.transaction()).isTrue();
        assertThat(d.items()).hasSize(3);
        assertThat(d.items().get(0).argv()).isDeepEqualTo(argv("SET", "a", ""));
        assertThat(d.items().get(1).error()).isEqualTo("NOPERM User u has no permissions to run the 'del' command");
        assertThat(d.items().get(2).argv()).isDeepEqualTo(argv("GET", "a"));
    }

    @Test
    void anUnknownVersionIsRefused() {
        byte[] bytes = ReplicatedEntry.command(1, 2, argv("PING")).encode();
        bytes[0] = 9;
        assertThatThrownBy(() -> ReplicatedEntry.decode(ByteBuffer.wrap(bytes))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9");
    }
}
