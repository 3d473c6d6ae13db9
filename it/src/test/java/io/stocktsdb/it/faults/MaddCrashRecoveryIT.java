package io.stocktsdb.it.faults;

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
 * The bulk-load path: clients pipeline TS.MADD commands over many series (logged as one op-log
 * record per run of samples) while the real jar is killed -9 at a random moment, across
 * checkpoints (every 5 s by default) and restarts; afterwards every acknowledged sample is there
 * with its value. A series shared by all writers (SUM policy, each writer its own timestamps)
 * would show a sample replayed twice.
 */
class MaddCrashRecoveryIT {
    private static final int CLIENTS = 3;
    private static final int OWN_SERIES = 40;
    private static final int PIPELINE = 20;

    private final KillNineRounds rounds = new KillNineRounds(CLIENTS, 2_000, 500, 5_000);

    @ParameterizedTest
    @ValueSource(strings = {"always", "everysec"})
    void everyAcknowledgedSampleSurvivesKill9(String appendfsync) throws Exception {
        String[] args = {"--appendfsync", appendfsync};
        rounds.run(3, 7, args, args,
                (port, round) -> { if (round == 0) createSeries(port); },
                (port, round, writer, stop) -> write(port, writer, 1_000_000L * (round + 1), stop),
                (port, round) -> verify(port));
        assertThat(rounds.acknowledgedCount()).as("acknowledged samples").isGreaterThan(10_000);
    }

    private static String own(int writer, int i) {
        return "stock:madd:" + writer + ":" + i;
    }

    private static String shared(int i) {
        return "stock:madd:shared:" + i;
    }

    private static void createSeries(int port) throws IOException {
        try (RawClient c = new RawClient(port)) {
            for (int w = 0; w < CLIENTS; w++) {
                for (int i = 0; i < OWN_SERIES; i++) assertThat(c.call("TS.CREATE", own(w, i), "DUPLICATE_POLICY", "LAST")).isEqualTo("+OK\r\n");
            }
            for (int i = 0; i < 5; i++) assertThat(c.call("TS.CREATE", shared(i), "DUPLICATE_POLICY", "SUM")).isEqualTo("+OK\r\n");
        }
    }

    /**
     * Pipelines TS.MADDs (one sample for each own series, then one for each shared series at a
     * timestamp only this writer uses) until the connection dies; records what was acknowledged.
     */
    private void write(int port, int writer, long firstTs, AtomicBoolean stop) throws IOException {
        long step = firstTs;
        try (RawClient c = new RawClient(port)) {
            while (!stop.get()) {
                StringBuilder pipeline = new StringBuilder();
                List<List<String[]>> sent = new ArrayList<>();
                for (int p = 0; p < PIPELINE; p++, step++) {
                    List<String> args = new ArrayList<>(List.of("TS.MADD"));
                    List<String[]> samples = new ArrayList<>();
                    for (int i = 0; i < OWN_SERIES; i++) {
                        String value = (step % 1000) + "." + (1 + i % 9) + (1 + writer);
                        args.addAll(List.of(own(writer, i), Long.toString(step), value));
                        samples.add(new String[] {own(writer, i), Long.toString(step), value});
                    }
                    for (int i = 0; i < 5; i++) {
                        long ts = step * CLIENTS + writer;
                        args.addAll(List.of(shared(i), Long.toString(ts), "1.5"));
                        samples.add(new String[] {shared(i), Long.toString(ts), "1.5"});
                    }
                    pipeline.append(RawClient.command(args.toArray(new String[0])));
                    sent.add(samples);
                }
                c.send(pipeline.toString());
                for (List<String[]> samples : sent) {
                    StringBuilder expected = new StringBuilder("*" + samples.size() + "\r\n");
                    for (String[] s : samples) expected.append(':').append(s[1]).append("\r\n");
                    assertThat(c.readReply()).isEqualTo(expected.toString());
                    for (String[] s : samples) rounds.acknowledge(s[0], Long.parseLong(s[1]), s[2]);
                }
            }
        }
    }

    private void verify(int port) throws IOException {
        try (RawClient c = new RawClient(port)) {
            for (Map.Entry<String, Map<Long, String>> e : rounds.acknowledged().entrySet()) {
                Map<Long, String> stored = read(c, e.getKey());
                for (Map.Entry<Long, String> p : e.getValue().entrySet()) {
                    String value = stored.get(p.getKey());
                    assertThat(value).as("%s @ %d", e.getKey(), p.getKey()).isNotNull();
                    // compared as numbers: RESP2 prints 0.21 as 2.1E-1, as RedisTimeSeries does
                    assertThat(Double.parseDouble(value)).as("%s @ %d", e.getKey(), p.getKey()).isEqualTo(Double.parseDouble(p.getValue()));
                }
            }
        }
    }

    /** TS.RANGE's RESP2 reply as ts -> value text. */
    private static Map<Long, String> read(RawClient c, String key) throws IOException {
        String[] lines = c.call("TS.RANGE", key, "-", "+").split("\r\n");
        Map<Long, String> out = new HashMap<>();
        for (int i = 1; i + 2 < lines.length; i += 3) out.put(Long.parseLong(lines[i + 1].substring(1)), lines[i + 2].substring(1));
        return out;
    }
}
