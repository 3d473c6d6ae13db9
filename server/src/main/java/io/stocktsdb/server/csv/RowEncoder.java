package io.stocktsdb.server.csv;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.stocktsdb.server.client.CommandWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one CSV row into writes (see {@link BusinessMapping} and {@link StorageForm}); checks
 * the whole row first, so a bad row writes nothing. Series get {@code DUPLICATE_POLICY LAST}
 * and samples keep their timestamps, so importing the same rows again changes nothing.
 */
final class RowEncoder {
    /** Entities seen during this import; bounded: a forgotten one only costs harmless second TS.CREATEs. */
    private static final int REMEMBERED_ENTITIES = 100_000;
    private static final byte[] STRING = "string".getBytes(StandardCharsets.US_ASCII);

    private final BusinessMapping mapping;
    private final StorageForm form;
    private final TimestampFormat timestamps;
    private final int tsIndex;
    private final int[] entityIdx;
    private final int[] labelIdx;
    private final int[] numericIdx;
    private final int[] seriesIdx;
    private final int[] stringIdx;
    private final int[] jsonIdx;
    private final String[] header;
    private final int columns;
    /** Entity key -> its series keys (in {@link #seriesIdx} order), once their TS.CREATEs were sent. */
    private final Map<String, byte[][]> created = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[][]> eldest) { return size() > REMEMBERED_ENTITIES; }
    };

    /** The key of the last row encoded: the import routes rows of one entity to one connection. */
    private String entityKey;
    private final String[] numericText;

    RowEncoder(BusinessMapping mapping, StorageForm form, TimestampFormat timestamps, String[] header) {
        this.mapping = mapping;
        this.form = form;
        this.timestamps = timestamps;
        this.header = header;
        this.columns = header.length;
        Map<String, Integer> pos = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) pos.put(header[i].trim(), i);
        for (String c : mapping.columns()) {
            if (!pos.containsKey(c)) throw new IllegalArgumentException("the file has no column '" + c + "'; "
                    + mapping.business() + " needs " + String.join(",", mapping.columns()));
        }
        this.tsIndex = pos.get(BusinessMapping.TIMESTAMP);
        this.entityIdx = indexes(pos, mapping.entityColumns());
        this.labelIdx = indexes(pos, mapping.labelColumns());
        this.numericIdx = indexes(pos, mapping.numericColumns());
        this.seriesIdx = indexes(pos, mapping.seriesColumns(form));
        this.stringIdx = indexes(pos, mapping.stringSeriesColumns(form));
        this.jsonIdx = indexes(pos, mapping.columns().subList(1, mapping.columns().size()));
        this.numericText = new String[header.length];
    }

    private static int[] indexes(Map<String, Integer> pos, List<String> names) {
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) out[i] = pos.get(names.get(i));
        return out;
    }

    /** Checks the row and returns its entity key, or throws IllegalArgumentException with the reason. */
    String check(String[] f) {
        if (f.length != columns) throw new IllegalArgumentException("expected " + columns + " columns, got " + f.length);
        StringBuilder key = new StringBuilder(mapping.prefix());
        for (int k = 0; k < entityIdx.length; k++) {
            String v = f[entityIdx[k]];
            if (v.isEmpty()) throw new IllegalArgumentException("empty " + header[entityIdx[k]]);
            if (k > 0) key.append(':');
            key.append(v);
        }
        for (int i : numericIdx) numericText[i] = number(header[i], f[i]);
        entityKey = key.toString();
        return entityKey;
    }

    /** Encodes the row last {@link #check checked} into {@code batch}; throws with a reason for a bad timestamp or label. */
    void encode(String[] f, long line, ImportBatch batch) {
        long ts;
        try {
            ts = timestamps.parse(f[tsIndex]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("timestamp: " + e.getMessage());
        }
        // in the series form labels are the only copy of these columns; the hash form keeps them in the JSON
        if (form == StorageForm.SERIES) {
            for (int i : labelIdx) {
                if (!labelValue(f[i])) {
                    throw new IllegalArgumentException(header[i] + " '" + f[i] + "' cannot be a label value (contains '(', ')' or ',')");
                }
            }
        }
        CommandWriter w = batch.commands();
        if (form == StorageForm.HASH) {
            w.begin(4).arg("HASH_SET").arg(entityKey).arg(ts).arg(json(f));
            batch.addedWrite(line);
        }
        for (int i : stringIdx) {
            if (f[i].isEmpty()) continue;
            w.begin(5).arg("TSDB_SET").arg(entityKey + ":" + header[i]).arg(ts).arg(f[i]).arg(STRING);
            batch.addedWrite(line);
        }
        if (seriesIdx.length == 0) {
            batch.rows++;
            return;
        }
        byte[][] keys = created.get(entityKey);
        if (keys == null) {
            keys = new byte[seriesIdx.length][];
            for (int k = 0; k < seriesIdx.length; k++) {
                String key = entityKey + ":" + header[seriesIdx[k]];
                create(w, key, header[seriesIdx[k]], f, line, batch);
                keys[k] = key.getBytes(StandardCharsets.UTF_8);
            }
            created.put(entityKey, keys);
        }
        for (int k = 0; k < seriesIdx.length; k++) batch.addSample(line, keys[k], ts, numericText[seriesIdx[k]]);
        batch.rows++;
    }

    private void create(CommandWriter w, String key, String field, String[] f, long line, ImportBatch batch) {
        int labels = 3;
        for (int i : labelIdx) if (labelValue(f[i]) && !f[i].isEmpty()) labels++;
        w.begin(5 + 2 * labels).arg("TS.CREATE").arg(key).arg("DUPLICATE_POLICY").arg("LAST").arg("LABELS");
        w.arg("business").arg(mapping.business());
        w.arg("entity").arg(entityKey.substring(mapping.prefix().length()));
        w.arg("field").arg(field);
        for (int i : labelIdx) {
            if (labelValue(f[i]) && !f[i].isEmpty()) w.arg(header[i]).arg(f[i]);
        }
        batch.addedCreate(line, key);
    }

    /** RedisTimeSeries refuses label values containing '(', ')' or ','. */
    private static boolean labelValue(String v) {
        return v.indexOf('(') < 0 && v.indexOf(')') < 0 && v.indexOf(',') < 0;
    }

    /** The row as one JSON object, columns in the mapping's order, numbers unquoted. */
    private String json(String[] f) {
        StringBuilder sb = new StringBuilder(128).append('{');
        JsonStringEncoder enc = JsonStringEncoder.getInstance();
        boolean first = true;
        for (int i : jsonIdx) {
            if (!first) sb.append(',');
            first = false;
            sb.append('"').append(enc.quoteAsString(header[i])).append("\":");
            if (numericText[i] != null && isNumeric(i)) sb.append(numericText[i]);
            else sb.append('"').append(enc.quoteAsString(f[i])).append('"');
        }
        return sb.append('}').toString();
    }

    private boolean isNumeric(int col) {
        for (int i : numericIdx) if (i == col) return true;
        return false;
    }

    /**
     * A finite number, as text the server and JSON both read: the cell itself when it already is
     * a plain JSON number, else Java's rendering of its value.
     */
    static String number(String column, String cell) {
        String t = cell.trim();
        if (t.isEmpty()) throw new IllegalArgumentException("empty " + column);
        // the common case: already a plain JSON number, finite unless its exponent overflows
        if (isJsonNumber(t) && t.indexOf('e') < 0 && t.indexOf('E') < 0) return t;
        double d;
        try {
            d = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " is not a number: '" + cell + "'");
        }
        if (!Double.isFinite(d) || t.endsWith("d") || t.endsWith("D") || t.endsWith("f") || t.endsWith("F")) {
            if (!Double.isFinite(d)) throw new IllegalArgumentException(column + " is not a finite number: '" + cell + "'");
            throw new IllegalArgumentException(column + " is not a number: '" + cell + "'");
        }
        return isJsonNumber(t) ? t : Double.toString(d);
    }

    private static boolean isJsonNumber(String t) {
        int i = 0;
        int n = t.length();
        if (t.charAt(i) == '-') i++;
        int digits = i;
        while (i < n && Character.isDigit(t.charAt(i))) i++;
        if (i == digits || (t.charAt(digits) == '0' && i - digits > 1)) return false;
        if (i < n && t.charAt(i) == '.') {
            int f = ++i;
            while (i < n && Character.isDigit(t.charAt(i))) i++;
            if (i == f) return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) i++;
            int e = i;
            while (i < n && Character.isDigit(t.charAt(i))) i++;
            if (i == e) return false;
        }
        return i == n;
    }
}
