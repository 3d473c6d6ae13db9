package io.stocktsdb.server.migrate;

import static io.stocktsdb.server.migrate.Migrator.bytes;
import static io.stocktsdb.server.migrate.Migrator.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * The fallback copy of one series: TS.CREATE with the source's options from TS.INFO, then TS.RANGE
 * pages written with TS.MADD, then the IGNORE filter (set last so it cannot drop copied samples)
 * and the TTL.
 */
final class RangeCopy {
    private final Jedis src;
    private final Jedis dst;
    private final byte[] key;
    private final int batch;
    private final boolean replace;

    RangeCopy(Jedis src, Jedis dst, byte[] key, int batch, boolean replace) {
        this.src = src;
        this.dst = dst;
        this.key = key;
        this.batch = batch;
        this.replace = replace;
    }

    void run(MigrateSummary summary) {
        SeriesDescription d = Migrator.describe(src, key);
        if (replace) dst.del(key);
        call(dst, "TS.CREATE", createArgs(d));
        byte[] from = bytes("-");
        while (true) {
            List<?> rows = (List<?>) call(src, "TS.RANGE", key, from, bytes("+"), bytes("COUNT"), bytes(Integer.toString(batch)));
            if (rows.isEmpty()) break;
            List<byte[]> madd = new ArrayList<>(rows.size() * 3);
            String last = null;
            for (Object r : rows) {
                List<?> row = (List<?>) r;
                last = SeriesDescription.text(row.get(0));
                madd.add(key);
                madd.add(bytes(last));
                madd.add(bytes(SeriesDescription.text(row.get(1))));
            }
            List<?> results = (List<?>) call(dst, "TS.MADD", madd.toArray(new byte[0][]));
            for (Object result : results) {
                if (!(result instanceof Long)) throw new IllegalArgumentException("TS.MADD refused a sample: " + SeriesDescription.text(result));
            }
            summary.samplesCopied.addAndGet(rows.size());
            if (rows.size() < batch) break;
            from = bytes(Long.toString(Long.parseLong(last) + 1));
        }
        if (d.ignoreMaxTimeDiff() != 0 || (d.ignoreMaxValDiff() != null && Double.parseDouble(d.ignoreMaxValDiff()) != 0)) {
            call(dst, "TS.ALTER", key, bytes("IGNORE"), bytes(Long.toString(d.ignoreMaxTimeDiff())), bytes(d.ignoreMaxValDiff()));
        }
        long pttl = src.pttl(key);
        if (pttl > 0) dst.pexpire(key, pttl);
    }

    private byte[][] createArgs(SeriesDescription d) {
        List<byte[]> args = new ArrayList<>(List.of(key, bytes("RETENTION"), bytes(Long.toString(d.retention()))));
        if (d.chunkSize() > 0) {
            args.add(bytes("CHUNK_SIZE"));
            args.add(bytes(Long.toString(d.chunkSize())));
        }
        if (d.chunkType() != null) {
            args.add(bytes("ENCODING"));
            args.add(bytes(d.chunkType().toUpperCase(Locale.ROOT)));
        }
        if (d.duplicatePolicy() != null) {
            args.add(bytes("DUPLICATE_POLICY"));
            args.add(bytes(d.duplicatePolicy()));
        }
        if (!d.labels().isEmpty()) {
            args.add(bytes("LABELS"));
            for (Map.Entry<String, String> e : d.labels().entrySet()) {
                args.add(bytes(e.getKey()));
                args.add(bytes(e.getValue()));
            }
        }
        return args.toArray(new byte[0][]);
    }
}
