package io.stocktsdb.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicatedBatchTest {
    private static byte[][] argv(String... a) {
        byte[][] out = new byte[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = a[i].getBytes(StandardCharsets.UTF_8);
        return out;
    }

    @Test
    void entriesOfSeveralConnectionsKeepTheirOrderClockAndProtocol() {
        ReplicatedEntry a = ReplicatedEntry.command(100, 2, argv("TS.ADD", "a", "*", "1"));
        ReplicatedEntry b = new ReplicatedEntry(true, 200, 3, List.of(ReplicatedEntry.Item.command(argv("SET", "k", "v")),
                ReplicatedEntry.Item.refused("NOPERM no")));
        List<ReplicatedEntry> d = ReplicatedBatch.decode(ByteBuffer.wrap(ReplicatedBatch.encode(List.of(a.encode(), b.encode()))));
        assertThat(d).hasSize(2);
        assertThat(d.get(0).nowMs()).isEqualTo(100);
        assertThat(d.get(0).protocol()).isEqualTo(2);
        assertThat(d.get(0).items().get(0).argv()).isDeepEqualTo(argv("TS.ADD", "a", "*", "1"));
        assertThat(d.get(1).transaction()).isTrue();
        assertThat(d.get(1).nowMs()).isEqualTo(200);
        assertThat(d.get(1).protocol()).isEqualTo(3);
        assertThat(d.get(1).items().get(1).error()).isEqualTo("NOPERM no");
    }

    @Test
    void aLoneEntryWrittenBeforeBatchesIsABatchOfOne() {
        ReplicatedEntry a = ReplicatedEntry.command(7, 2, argv("DEL", "x"));
        List<ReplicatedEntry> d = ReplicatedBatch.decode(ByteBuffer.wrap(a.encode()));
        assertThat(d).hasSize(1);
        assertThat(d.get(0).items().get(0).argv()).isDeepEqualTo(argv("DEL", "x"));
    }

    @Test
    void repliesSplitBackInOrder() {
        byte[][] replies = {":1\r\n".getBytes(StandardCharsets.US_ASCII), new byte[0], "-ERR x\r\n".getBytes(StandardCharsets.US_ASCII)};
        byte[][] back = ReplicatedBatch.decodeReplies(ByteBuffer.wrap(ReplicatedBatch.encodeReplies(replies)));
        assertThat(back).isDeepEqualTo(replies);
    }

    @Test
    void anUnknownVersionIsRefused() {
        byte[] bytes = ReplicatedBatch.encode(List.of());
        bytes[0] = 9;
        assertThatThrownBy(() -> ReplicatedBatch.decode(ByteBuffer.wrap(bytes))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9");
    }
}
