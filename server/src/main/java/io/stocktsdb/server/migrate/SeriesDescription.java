package io.stocktsdb.server.migrate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a TS.INFO reply (RESP2: a flat name/value array) a migration needs. RedisTimeSeries
 * 1.8 has no ignore fields and may lack chunkType; absent fields keep the defaults.
 */
record SeriesDescription(long totalSamples, long firstTimestamp, long lastTimestamp, long retention, long chunkSize,
                         String chunkType, String duplicatePolicy, Map<String, String> labels, String sourceKey,
                         List<Rule> rules, long ignoreMaxTimeDiff, String ignoreMaxValDiff) {

    /** One compaction rule of the series (its destination, bucket, aggregator and alignment). */
    record Rule(String dest, long bucket, String aggregator, long alignment) {}

    static SeriesDescription parse(Object reply) {
        if (!(reply instanceof List<?> items)) throw new IllegalArgumentException("TS.INFO replied " + reply);
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < items.size(); i += 2) fields.put(text(items.get(i)), items.get(i + 1));
        Map<String, String> labels = new LinkedHashMap<>();
        if (fields.get("labels") instanceof List<?> pairs) {
            for (Object p : pairs) {
                List<?> kv = (List<?>) p;
                labels.put(text(kv.get(0)), text(kv.get(1)));
            }
        }
        List<Rule> rules = new ArrayList<>();
        if (fields.get("rules") instanceof List<?> list) {
            for (Object r : list) {
                List<?> rule = (List<?>) r;
                rules.add(new Rule(text(rule.get(0)), number(rule.get(1)), text(rule.get(2)), rule.size() > 3 ? number(rule.get(3)) : 0));
            }
        }
        return new SeriesDescription(number(fields.get("totalSamples")), number(fields.get("firstTimestamp")),
                number(fields.get("lastTimestamp")), number(fields.get("retentionTime")), number(fields.get("chunkSize")),
                fields.containsKey("chunkType") ? text(fields.get("chunkType")) : null, text(fields.get("duplicatePolicy")),
                labels, text(fields.get("sourceKey")), rules, number(fields.get("ignoreMaxTimeDiff")),
                text(fields.get("ignoreMaxValDiff")));
    }

    static String text(Object o) {
        if (o == null) return null;
        if (o instanceof byte[] b) return new String(b, StandardCharsets.UTF_8);
        return o.toString();
    }

    private static long number(Object o) {
        if (o == null) return 0;
        if (o instanceof Long l) return l;
        return Long.parseLong(text(o));
    }
}
