package io.stocktsdb.engine.storage.check;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.storage.KeyCodec;
import io.stocktsdb.engine.storage.MetadataCodec;
import io.stocktsdb.engine.storage.Op;
import io.stocktsdb.engine.storage.OpCodec;
import io.stocktsdb.engine.storage.OpLogValues;
import io.stocktsdb.engine.storage.RocksStore;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Names the user keys (strings and series) that a stored RocksDB entry belongs to: metadata
 * records of the default column family, op-log segments, chunk keys of the business column
 * families (a series id is named once its metadata record was seen).
 */
final class KeyNames {
    /** Keys listed per damaged range before "and N more". */
    static final int SHOWN = 20;

    private final Map<Long, String> seriesById = new HashMap<>();
    /** Every metadata key seen (strings and series), to name what a damaged key range held. */
    private final Map<String, byte[]> metadataKeys = new HashMap<>();

    /** Remembers series ids from a default-column-family entry (call for every readable one). */
    void learn(byte[] key, byte[] value) {
        if (KeyCodec.isEngineRecord(key)) return;
        metadataKeys.putIfAbsent(KeyCodec.userKeyOfMetadataKey(key).toString(), key);
        try {
            if (MetadataCodec.decode(value) instanceof MetadataCodec.SeriesRecord s) {
                seriesById.put(s.seriesId(), KeyCodec.userKeyOfMetadataKey(key).toString());
            }
        } catch (RuntimeException notMetadata) {
            // not a metadata record: nothing to learn
        }
    }

    /** Adds to {@code out} the user keys an entry of column family {@code cf} touches. */
    void collect(String cf, byte[] key, byte[] value, Set<String> out) {
        try {
            if (cf.equals(RocksStore.OPLOG_CF)) {
                if (value != null) OpLogValues.forEachRecord(key, value, (seq, bytes, off, len) -> opKeys(OpCodec.decode(Arrays.copyOfRange(bytes, off, off + len)), out));
            } else if (cf.equals("default")) {
                if (!KeyCodec.isEngineRecord(key)) out.add(KeyCodec.userKeyOfMetadataKey(key).toString());
            } else if (cf.startsWith(RocksStore.BUSINESS_CF_PREFIX)) {
                out.add(chunkOwner(key));
            } else if (cf.equals(RocksStore.STAGING_CF)) {
                out.add("(staged BATCH_SET points)");
            }
        } catch (RuntimeException undecodable) {
            out.add("(undecodable " + cf + " entry)");
        }
    }

    /** A chunk key as the series it belongs to. */
    String chunkOwner(byte[] key) {
        if (key.length != KeyCodec.CHUNK_KEY_LENGTH) return "(unknown chunk key)";
        long id = KeyCodec.chunkKeySeriesId(key);
        String name = seriesById.get(id);
        return name != null ? name : "(series id " + id + ")";
    }

    /**
     * The user keys known to lie in a key range of column family {@code cf}: metadata keys in
     * the default column family, series whose chunks sort there in a business column family.
     */
    Set<String> between(String cf, byte[] from, byte[] to) {
        Set<String> out = new TreeSet<>();
        if (from == null || to == null) return out;
        if (cf.equals("default")) {
            for (Map.Entry<String, byte[]> e : metadataKeys.entrySet()) {
                if (Arrays.compareUnsigned(e.getValue(), from) >= 0 && Arrays.compareUnsigned(e.getValue(), to) <= 0) out.add(e.getKey());
            }
        } else if (cf.startsWith(RocksStore.BUSINESS_CF_PREFIX) && from.length >= KeyCodec.SERIES_PREFIX_LENGTH && to.length >= KeyCodec.SERIES_PREFIX_LENGTH) {
            byte[] lo = Arrays.copyOf(from, KeyCodec.SERIES_PREFIX_LENGTH);
            byte[] hi = Arrays.copyOf(to, KeyCodec.SERIES_PREFIX_LENGTH);
            for (Map.Entry<Long, String> e : seriesById.entrySet()) {
                byte[] p = KeyCodec.seriesPrefix(Key.of(e.getValue()).slot(), e.getKey());
                if (Arrays.compareUnsigned(p, lo) >= 0 && Arrays.compareUnsigned(p, hi) <= 0) out.add(e.getValue());
            }
        }
        return out;
    }

    private void opKeys(Op op, Set<String> out) {
        if (op instanceof Op.BarRow row) {
            for (long id : row.seriesIds()) out.add(seriesById.getOrDefault(id, "(series id " + id + ")"));
        } else if (op instanceof Op.AddRun run) {
            for (long id : run.seriesIds()) out.add(seriesById.getOrDefault(id, "(series id " + id + ")"));
        } else if (op instanceof Op.Rename r) {
            out.add(r.src().toString());
            out.add(r.dst().toString());
        } else if (op instanceof Op.FlushAll) {
            out.add("(FLUSHALL)");
        } else {
            Key k = op instanceof Op.Add a ? a.key() : op instanceof Op.DeleteRange d ? d.key() : op instanceof Op.CreateSeries c ? c.key()
                    : op instanceof Op.AlterSeries al ? al.key() : op instanceof Op.DeleteKey dk ? dk.key() : op instanceof Op.SetString ss ? ss.key()
                    : op instanceof Op.SetBigString bs ? bs.key()
                    : op instanceof Op.RestoreSeries rs ? rs.key() : ((Op.SetExpiry) op).key();
            out.add(k.toString());
        }
    }

    /** "a, b, c and 12 more" for a report line. */
    static String list(Set<String> keys) {
        if (keys.isEmpty()) return "no keys";
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (String k : new TreeSet<>(keys)) {
            if (i == SHOWN) break;
            if (i++ > 0) sb.append(", ");
            sb.append(k);
        }
        if (keys.size() > SHOWN) sb.append(" and ").append(keys.size() - SHOWN).append(" more");
        return keys.size() + " key" + (keys.size() == 1 ? "" : "s") + ": " + sb;
    }
}
