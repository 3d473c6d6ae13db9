package io.stocktsdb.server.csv;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stocktsdb.server.client.CommandWriter;
import io.stocktsdb.server.client.RespConnection;
import io.stocktsdb.server.client.RespError;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a business's data back as CSV in the shape it was imported from (the mapping's
 * columns), entity by entity, rows in timestamp order. Series form: the series are found
 * with {@code TS.MGET WITHLABELS FILTER business=<name>}, read with TS.RANGE, and text columns
 * with TSDB_GET. Hash form: the keys under the prefix are found with SCAN and read with HASH_GET.
 */
public final class Exporter {
    private static final int TIMEOUT_MS = 120_000;
    /** Entities (or keys) whose reads are pipelined together. */
    private static final int PIPELINE = 64;
    private static final JsonFactory JSON = new JsonFactory();

    private final ExportOptions options;
    private final BusinessMapping m;
    private long rows;

    public Exporter(ExportOptions options) {
        this.options = options;
        this.m = options.mapping();
    }

    /** Writes the header and every row to {@code out}; returns the number of rows. */
    public long run(Appendable out) throws IOException {
        try (RespConnection c = RespConnection.open(options.host(), options.port(), options.password(), TIMEOUT_MS);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            csv.printRecord(m.columns());
            if (options.form() == StorageForm.SERIES) exportSeries(c, csv);
            else exportHashes(c, csv);
            csv.flush();
        }
        return rows;
    }

    /** Range bounds as the commands take them: "-" and "+" for open ends. */
    private String from() {
        return options.from() == Long.MIN_VALUE ? "-" : Long.toString(options.from());
    }

    private String to() {
        return options.to() == Long.MAX_VALUE ? "+" : Long.toString(options.to());
    }

    // ------------------------------------------------------------------ series form

    /** One entity: its labels and its numeric series keys by column. */
    private record Entity(String entity, Map<String, String> labels, Map<String, String> seriesByField) {}

    private void exportSeries(RespConnection c, CSVPrinter csv) throws IOException {
        Object r = c.call("TS.MGET", "WITHLABELS", "FILTER", "business=" + m.business());
        if (r instanceof RespError e) throw new IOException("TS.MGET failed: " + e.message());
        TreeMap<String, Entity> entities = new TreeMap<>();
        for (Object o : (List<?>) r) {
            List<?> item = (List<?>) o;
            String key = (String) item.get(0);
            Map<String, String> labels = new HashMap<>();
            for (Object l : (List<?>) item.get(1)) {
                List<?> pair = (List<?>) l;
                labels.put((String) pair.get(0), (String) pair.get(1));
            }
            String entity = labels.get("entity");
            String field = labels.get("field");
            if (entity == null || field == null || !m.numericColumns().contains(field)) continue;
            entities.computeIfAbsent(entity, e -> new Entity(e, labels, new HashMap<>())).seriesByField().put(field, key);
        }
        List<Entity> group = new ArrayList<>();
        for (Entity e : entities.values()) {
            group.add(e);
            if (group.size() == PIPELINE) {
                readEntities(c, group, csv);
                group.clear();
            }
        }
        readEntities(c, group, csv);
    }

    private void readEntities(RespConnection c, List<Entity> group, CSVPrinter csv) throws IOException {
        if (group.isEmpty()) return;
        CommandWriter w = new CommandWriter(4096);
        for (Entity e : group) {
            for (String f : m.numericColumns()) {
                String key = e.seriesByField().get(f);
                if (key != null) w.begin(4).arg("TS.RANGE").arg(key).arg(from()).arg(to());
            }
            for (String t : m.textColumns()) {
                w.begin(5).arg("TSDB_GET").arg(m.prefix() + e.entity() + ":" + t).arg(from()).arg(to()).arg("string");
            }
        }
        c.send(w);
        c.flush();
        for (Entity e : group) {
            TreeMap<Long, String[]> byTs = new TreeMap<>();
            for (String f : m.numericColumns()) {
                if (!e.seriesByField().containsKey(f)) continue;
                Object r = c.replies().read();
                if (r instanceof RespError err) throw new IOException("TS.RANGE " + e.seriesByField().get(f) + ": " + err.message());
                for (Object s : (List<?>) r) {
                    List<?> sample = (List<?>) s;
                    row(byTs, e, (Long) sample.get(0))[m.columns().indexOf(f)] = number(String.valueOf(sample.get(1)));
                }
            }
            for (String t : m.textColumns()) {
                Object r = c.replies().read();
                if (r instanceof RespError) continue; // not a string series: nothing imported for this column
                List<?> flat = (List<?>) r;
                for (int i = 0; i + 1 < flat.size(); i += 2) {
                    row(byTs, e, Long.parseLong((String) flat.get(i)))[m.columns().indexOf(t)] = (String) flat.get(i + 1);
                }
            }
            for (Map.Entry<Long, String[]> row : byTs.entrySet()) {
                row.getValue()[0] = options.timestamps().format(row.getKey());
                csv.printRecord((Object[]) row.getValue());
                rows++;
            }
        }
    }

    private String[] row(TreeMap<Long, String[]> byTs, Entity e, long ts) {
        return byTs.computeIfAbsent(ts, k -> {
            String[] r = new String[m.columns().size()];
            java.util.Arrays.fill(r, "");
            for (String l : m.labelColumns()) r[m.columns().indexOf(l)] = e.labels().getOrDefault(l, "");
            return r;
        });
    }

    /** Series values as the shortest decimal text: 1805.12, 100, 0.00001. */
    static String number(String text) {
        double d = Double.parseDouble(text);
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------ hash form

    private void exportHashes(RespConnection c, CSVPrinter csv) throws IOException {
        List<String> keys = scanKeys(c);
        java.util.Collections.sort(keys);
        for (int i = 0; i < keys.size(); i += PIPELINE) {
            List<String> group = keys.subList(i, Math.min(keys.size(), i + PIPELINE));
            CommandWriter w = new CommandWriter(4096);
            for (String k : group) w.begin(4).arg("HASH_GET").arg(k).arg(from()).arg(to());
            c.send(w);
            c.flush();
            for (String k : group) {
                Object r = c.replies().read();
                if (r instanceof RespError) continue; // a numeric or string series under the prefix
                List<?> flat = (List<?>) r;
                for (int j = 0; j + 1 < flat.size(); j += 2) {
                    String[] row = jsonRow((String) flat.get(j + 1));
                    row[0] = options.timestamps().format(Long.parseLong((String) flat.get(j)));
                    csv.printRecord((Object[]) row);
                    rows++;
                }
            }
        }
    }

    private List<String> scanKeys(RespConnection c) throws IOException {
        List<String> keys = new ArrayList<>();
        String pattern = globEscape(m.prefix()) + "*";
        String cursor = "0";
        do {
            Object r = c.call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            if (r instanceof RespError e) throw new IOException("SCAN failed: " + e.message());
            List<?> page = (List<?>) r;
            cursor = (String) page.get(0);
            for (Object k : (List<?>) page.get(1)) keys.add((String) k);
        } while (!cursor.equals("0"));
        return keys;
    }

    static String globEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (ch == '*' || ch == '?' || ch == '[' || ch == ']' || ch == '\\') sb.append('\\');
            sb.append(ch);
        }
        return sb.toString();
    }

    /** A stored JSON row back into the mapping's columns (numbers exactly as stored). */
    private String[] jsonRow(String json) throws IOException {
        String[] row = new String[m.columns().size()];
        java.util.Arrays.fill(row, "");
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return row;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                int col = m.columns().indexOf(p.currentName());
                JsonToken t = p.nextToken();
                if (t.isStructStart()) {
                    p.skipChildren();
                    continue;
                }
                if (col > 0 && t != JsonToken.VALUE_NULL) row[col] = p.getText();
            }
        }
        return row;
    }
}
