package io.stocktsdb.it.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.KillNineRounds;
import io.stocktsdb.it.RawClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 at a random moment while several clients pipeline TSDB_SET and BATCH_SET/BATCH_FLUSH;
 * after a restart every acknowledged point is present with its value and quality.
 */
class CrashRecoveryIT {
    private static final int CLIENTS = 4;
    private static final int PIPELINE = 50;

    private final KillNineRounds rounds = new KillNineRounds(CLIENTS, 200, 200, 800);

    @ParameterizedTest
    @ValueSource(strings = {"always", "everysec"})
    void everyAcknowledgedPointSurvivesKill9(String appendfsync) throws Exception {
        rounds.run(3, 42, new String[] {"--appendfsync", appendfsync, "--batch-size", "64"}, new String[] {"--appendfsync", appendfsync},
                (port, round) -> { },
                (port, round, writer, stop) -> write(port, round * CLIENTS + writer, stop),
                (port, round) -> verify(port));
        assertThat(rounds.acknowledgedCount()).as("acknowledged points").isGreaterThan(1000);
    }

    /** Pipelines batches of commands until the connection dies; records what was acknowledged. */
    private void write(int port, int id, AtomicBoolean stop) throws IOException {
        String tsdbKey = "stock:crash:" + id;
        String batchKey = "iot:crash:" + id;
        long ts = 1_000;
        try (RawClient c = new RawClient(port)) {
            while (!stop.get()) {
                StringBuilder pipeline = new StringBuilder();
                List<String[]> sent = new ArrayList<>();
                for (int i = 0; i < PIPELINE; i++) {
                    ts++;
                    int quality = (int) (ts % 101);
                    String value = ts + "." + (id % 10) + "5";
                    if (i % 2 == 0) {
                        pipeline.append(RawClient.command("TSDB_SET", tsdbKey, Long.toString(ts), value, "double", Integer.toString(quality)));
                        sent.add(new String[] {tsdbKey, Long.toString(ts), value + "/" + quality});
                    } else {
                        pipeline.append(RawClient.command("BATCH_SET", batchKey, value, Long.toString(ts)));
                        sent.add(new String[] {batchKey, Long.toString(ts), value + "/100"});
                    }
                }
                pipeline.append(RawClient.command("BATCH_FLUSH"));
                c.send(pipeline.toString());
                for (String[] s : sent) {
                    String reply = c.readReply();
                    assertThat(reply).isEqualTo("+OK\r\n");
                    rounds.acknowledge(s[0], Long.parseLong(s[1]), s[2]);
                }
                assertThat(c.readReply()).isEqualTo("+OK\r\n");
            }
        }
    }

    private void verify(int port) throws IOException {
        try (RawClient c = new RawClient(port)) {
            for (Map.Entry<String, Map<Long, String>> e : rounds.acknowledged().entrySet()) {
                Map<Long, String> stored = read(c, e.getKey());
                for (Map.Entry<Long, String> p : e.getValue().entrySet()) {
                    assertThat(stored.get(p.getKey())).as("%s @ %d", e.getKey(), p.getKey()).isEqualTo(p.getValue());
                }
            }
        }
    }

    private static Map<Long, String> read(RawClient c, String key) throws IOException {
        String reply = c.call("TSDB_GET", key, "-", "+", "WITHQUALITY");
        String[] lines = reply.split("\r\n");
        Map<Long, String> out = new HashMap<>();
        // *N, then $len/ts, $len/value, $len/quality triples
        for (int i = 1; i + 5 < lines.length + 1; i += 6) {
            long ts = Long.parseLong(lines[i + 1]);
            out.put(ts, lines[i + 3] + "/" + lines[i + 5]);
        }
        return out;
    }
}
