package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.chunk.ValueType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link SeriesOptions} inside metadata records and CREATE/ALTER ops (no version byte of its
 * own: the enclosing record's version covers it). Layout in docs/storage-encoding.md.
 */
final class SeriesOptionsCodec {
    static final int NO_POLICY = 0xFF;

    private SeriesOptionsCodec() {}

    static void write(ByteWriter w, SeriesOptions o) {
        w.u8(o.valueType().code());
        w.i64(o.retentionMs());
        w.i32(o.chunkSizeBytes());
        w.u8(o.duplicatePolicy() == null ? NO_POLICY : o.duplicatePolicy().code());
        w.u8(o.encoding().code());
        w.i64(o.ignoreMaxTimeDiff());
        w.i64(Double.doubleToRawLongBits(o.ignoreMaxValDiff()));
        w.i32(o.labels().size());
        for (Map.Entry<String, String> e : o.labels().entrySet()) {
            w.string(e.getKey());
            w.string(e.getValue());
        }
        w.nullableBytes(o.sourceKey() == null ? null : o.sourceKey().bytes());
        w.i32(o.rules().size());
        for (RuleSpec r : o.rules()) {
            w.bytes(r.destKey().bytes());
            w.i32(r.aggregatorCode());
            w.i64(r.bucketDuration());
            w.i64(r.alignTimestamp());
            w.bytes(r.state());
        }
    }

    static SeriesOptions read(ByteReader r) {
        ValueType type = ValueType.ofCode(r.u8());
        long retention = r.i64();
        int chunkSize = r.i32();
        int policyCode = r.u8();
        DuplicatePolicy policy = policyCode == NO_POLICY ? null : DuplicatePolicy.ofCode(policyCode);
        ChunkEncoding encoding = ChunkEncoding.ofCode(r.u8());
        long ignoreTime = r.i64();
        double ignoreVal = Double.longBitsToDouble(r.i64());
        int labelCount = r.i32();
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < labelCount; i++) labels.put(r.string(), r.string());
        byte[] source = r.nullableBytes();
        int ruleCount = r.i32();
        List<RuleSpec> rules = new ArrayList<>(ruleCount);
        for (int i = 0; i < ruleCount; i++) {
            rules.add(new RuleSpec(Key.wrap(r.bytes()), r.i32(), r.i64(), r.i64(), r.bytes()));
        }
        return new SeriesOptions(type, retention, chunkSize, policy, encoding, ignoreTime, ignoreVal, labels, rules,
                source == null ? null : Key.wrap(source));
    }
}
