package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.series.ChunkInfo;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesInfo;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.resp.RespWriter;
import java.util.Locale;

/**
 * TS.INFO [DEBUG] (docs/timeseries.md, "Behaviour: range queries and TS.INFO"): 14 fields (16 with DEBUG) in RedisTimeSeries' order; a flat
 * array of simple-string names and values in RESP2, a map in RESP3.
 */
final class InfoReply {
    private InfoReply() {}

    static void write(RespWriter out, Series s, boolean debug) {
        SeriesInfo info = s.info(debug);
        SeriesOptions o = info.options();
        out.mapHeader(debug ? 16 : 14);
        field(out, "totalSamples");
        out.integer(info.totalSamples());
        field(out, "memoryUsage");
        out.integer(info.memoryUsage());
        field(out, "firstTimestamp");
        out.integer(info.firstTimestamp());
        field(out, "lastTimestamp");
        out.integer(info.lastTimestamp());
        field(out, "retentionTime");
        out.integer(o.retentionMs());
        field(out, "chunkCount");
        out.integer(info.chunkCount());
        field(out, "chunkSize");
        out.integer(o.chunkSizeBytes());
        field(out, "chunkType");
        out.simpleString(o.encoding() == ChunkEncoding.COMPRESSED ? "compressed" : "uncompressed");
        field(out, "duplicatePolicy");
        if (o.duplicatePolicy() == null) {
            out.nullBulk();
        } else {
            out.simpleString(o.duplicatePolicy().name().toLowerCase(Locale.ROOT));
        }
        field(out, "labels");
        LabelReplies.all(out, o.labels());
        field(out, "sourceKey");
        if (o.sourceKey() == null) {
            out.nullBulk();
        } else {
            out.bulk(o.sourceKey().bytes());
        }
        field(out, "rules");
        rules(out, o);
        field(out, "ignoreMaxTimeDiff");
        out.integer(o.ignoreMaxTimeDiff());
        field(out, "ignoreMaxValDiff");
        out.doubleValue(o.ignoreMaxValDiff());
        if (debug) {
            field(out, "keySelfName");
            out.bulk(s.key().bytes());
            field(out, "Chunks");
            out.arrayHeader(info.chunks().size());
            for (ChunkInfo chunk : info.chunks()) chunk(out, chunk);
        }
    }

    private static void field(RespWriter out, String name) {
        out.simpleString(name);
    }

    /** RESP2 {@code [[dest, bucket, AGG, align], ...]}; RESP3 {@code {dest: [bucket, AGG, align]}}. */
    private static void rules(RespWriter out, SeriesOptions o) {
        out.mapOrArrayHeader(o.rules().size());
        for (RuleSpec rule : o.rules()) {
            out.entry(rule.destKey().bytes(), 3, 3);
            out.integer(rule.bucketDuration());
            out.simpleString(Aggregator.ofCode(rule.aggregatorCode()).upperName());
            out.integer(rule.alignTimestamp());
        }
    }

    /** bytesPerSample is computed in float precision, as RTS does ({@code 4096/3} is {@code 1365.3333740234375}). */
    private static void chunk(RespWriter out, ChunkInfo chunk) {
        out.mapHeader(5);
        field(out, "startTimestamp");
        out.integer(chunk.startTimestamp());
        field(out, "endTimestamp");
        out.integer(chunk.endTimestamp());
        field(out, "samples");
        out.integer(chunk.samples());
        field(out, "size");
        out.integer(chunk.sizeBytes());
        field(out, "bytesPerSample");
        out.doubleValue((double) ((float) chunk.sizeBytes() / (float) chunk.samples()));
    }
}
