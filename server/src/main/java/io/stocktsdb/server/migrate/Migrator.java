package io.stocktsdb.server.migrate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.RestoreParams;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Copies the keys of a live Redis + RedisTimeSeries server into StockTSDB (docs/operations.md,
 * "Migrating from Redis + RedisTimeSeries"), in three passes:
 * <ol>
 *   <li>SCAN the source (MATCH), TYPE each key; series and strings are copied with DUMP and
 *       RESTORE (TTL kept), a series the target cannot RESTORE is rebuilt from TS.INFO (TS.CREATE
 *       with retention, chunk size, encoding, duplicate policy, labels; TS.ALTER IGNORE last) and
 *       TS.RANGE pages written with TS.MADD; other types are counted as skipped;</li>
 *   <li>compaction rules: RedisTimeSeries' DUMP leaves them out, so each source rule is created on
 *       the target with TS.CREATERULE unless the target already has it;</li>
 *   <li>verify (optional): per series, TS.INFO sample counts and first/last timestamps, and the
 *       first and last samples, on both sides.</li>
 * </ol>
 * A key that already exists on the target is left alone and reported, unless {@code replace}.
 */
public final class Migrator {
    private static final String SERIES_TYPE = "TSDB-TYPE";
    private final MigrateOptions options;
    private final MigrateSummary summary = new MigrateSummary();

    public Migrator(MigrateOptions options) {
        this.options = options;
    }

    /** Live counters (the progress display reads them from another thread). */
    public MigrateSummary summary() {
        return summary;
    }

    /** Runs the migration; connection failures propagate, per-key problems land in the summary. */
    public MigrateSummary run() {
        long start = System.nanoTime();
        try (Jedis src = connect(options.source()); Jedis dst = connect(options.target())) {
            List<byte[]> keys = scan(src);
            List<byte[]> series = new ArrayList<>();
            for (byte[] key : keys) {
                String type = src.type(key);
                switch (type) {
                    case SERIES_TYPE -> {
                        if (copySeries(src, dst, key)) series.add(key);
                    }
                    case "string" -> copyString(src, dst, key);
                    case "none" -> { } // expired or deleted since the SCAN
                    default -> summary.skipped(type);
                }
                summary.keysDone.incrementAndGet();
            }
            for (byte[] key : series) copyRules(src, dst, key);
            if (options.verify()) {
                for (byte[] key : series) verify(src, dst, key);
            }
        }
        summary.elapsedMs = (System.nanoTime() - start) / 1_000_000;
        return summary;
    }

    private static Jedis connect(MigrateOptions.Endpoint e) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().timeoutMillis(60_000);
        if (e.user() != null) config.user(e.user());
        if (e.password() != null) config.password(e.password());
        return new Jedis(new HostAndPort(e.host(), e.port()), config.build());
    }

    private List<byte[]> scan(Jedis src) {
        List<byte[]> keys = new ArrayList<>();
        ScanParams params = new ScanParams().match(options.match()).count(1000);
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        do {
            ScanResult<byte[]> page = src.scan(cursor, params);
            keys.addAll(page.getResult());
            summary.keysScanned.addAndGet(page.getResult().size());
            cursor = page.getCursorAsBytes();
        } while (!ScanParams.SCAN_POINTER_START.equals(new String(cursor, StandardCharsets.US_ASCII)));
        return keys;
    }

    private static String name(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    private boolean occupied(Jedis dst, byte[] key) {
        if (options.replace() || !dst.exists(key)) return false;
        summary.failures.add(name(key) + ": already exists on the target (use --replace)");
        return true;
    }

    /** DUMP/RESTORE with the remaining TTL; false (with the reason in {@code error[0]}) when RESTORE refuses. */
    private boolean dumpRestore(Jedis src, Jedis dst, byte[] key, String[] error) {
        byte[] payload = src.dump(key);
        if (payload == null) return false;
        long pttl = src.pttl(key);
        RestoreParams params = RestoreParams.restoreParams();
        if (options.replace()) params.replace();
        try {
            dst.restore(key, Math.max(0, pttl), payload, params);
            return true;
        } catch (JedisDataException e) {
            error[0] = e.getMessage();
            return false;
        }
    }

    private void copyString(Jedis src, Jedis dst, byte[] key) {
        if (occupied(dst, key)) return;
        String[] error = new String[1];
        if (dumpRestore(src, dst, key, error)) {
            summary.stringsCopied.incrementAndGet();
            return;
        }
        byte[] value = src.get(key);
        if (value == null) return;
        long pttl = src.pttl(key);
        dst.set(key, value);
        if (pttl > 0) dst.pexpire(key, pttl);
        summary.stringsCopied.incrementAndGet();
    }

    private boolean copySeries(Jedis src, Jedis dst, byte[] key) {
        if (occupied(dst, key)) return false;
        String[] error = new String[1];
        if (options.mode() != MigrateOptions.Mode.RANGE) {
            if (dumpRestore(src, dst, key, error)) {
                summary.seriesByDump.incrementAndGet();
                summary.samplesCopied.addAndGet(describe(dst, key).totalSamples());
                return true;
            }
            if (options.mode() == MigrateOptions.Mode.DUMP) {
                summary.failures.add(name(key) + ": RESTORE failed: " + error[0]);
                return false;
            }
        }
        try {
            new RangeCopy(src, dst, key, options.rangeBatch(), options.replace()).run(summary);
            summary.seriesByRange.incrementAndGet();
            return true;
        } catch (JedisDataException | IllegalArgumentException e) {
            summary.failures.add(name(key) + ": " + e.getMessage());
            return false;
        }
    }

    static SeriesDescription describe(Jedis j, byte[] key) {
        return SeriesDescription.parse(call(j, "TS.INFO", key));
    }

    static Object call(Jedis j, String command, byte[]... args) {
        byte[] raw = command.getBytes(StandardCharsets.US_ASCII);
        ProtocolCommand c = () -> raw;
        return j.sendCommand(c, args);
    }

    private void copyRules(Jedis src, Jedis dst, byte[] key) {
        SeriesDescription source = describe(src, key);
        if (source.rules().isEmpty()) return;
        List<String> present = new ArrayList<>();
        for (SeriesDescription.Rule r : describe(dst, key).rules()) present.add(r.dest());
        for (SeriesDescription.Rule r : source.rules()) {
            if (present.contains(r.dest())) {
                summary.rulesPresent.incrementAndGet();
                continue;
            }
            List<byte[]> args = new ArrayList<>(List.of(key, bytes(r.dest()), bytes("AGGREGATION"), bytes(r.aggregator()),
                    bytes(Long.toString(r.bucket()))));
            if (r.alignment() != 0) args.add(bytes(Long.toString(r.alignment())));
            try {
                call(dst, "TS.CREATERULE", args.toArray(new byte[0][]));
                summary.rulesCreated.incrementAndGet();
            } catch (JedisDataException e) {
                summary.failures.add(name(key) + " -> " + r.dest() + ": TS.CREATERULE failed: " + e.getMessage());
            }
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void verify(Jedis src, Jedis dst, byte[] key) {
        try {
            SeriesDescription s = describe(src, key);
            SeriesDescription t = describe(dst, key);
            String a = s.totalSamples() + " samples, " + edge(src, key, "TS.RANGE") + " .. " + edge(src, key, "TS.REVRANGE");
            String b = t.totalSamples() + " samples, " + edge(dst, key, "TS.RANGE") + " .. " + edge(dst, key, "TS.REVRANGE");
            if (!a.equals(b)) {
                summary.mismatches.add(name(key) + ": source " + a + ", target " + b);
            } else {
                summary.verified.incrementAndGet();
            }
        } catch (JedisDataException e) {
            summary.mismatches.add(name(key) + ": " + e.getMessage());
        }
    }

    /** The first (TS.RANGE) or last (TS.REVRANGE) sample as {@code ts=value}, the value normalised. */
    private static String edge(Jedis j, byte[] key, String command) {
        List<?> rows = (List<?>) call(j, command, key, bytes("-"), bytes("+"), bytes("COUNT"), bytes("1"));
        if (rows.isEmpty()) return "none";
        List<?> row = (List<?>) rows.get(0);
        return SeriesDescription.text(row.get(0)) + "=" + Double.parseDouble(SeriesDescription.text(row.get(1)));
    }
}
