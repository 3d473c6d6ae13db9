package io.stocktsdb.engine.query;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.aggregate.BucketTimestamp;
import io.stocktsdb.engine.filter.LabelMatcher;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.chunk.ValueType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The byte layout of query records and of one engine's answers, so that a coordinator can ship a
 * query to the engines of other nodes and their parts back (documented in docs/architecture.md,
 * "Query layer"). Big-endian throughout:
 * <pre>
 * message   = version:u8 (=1) kind:u8 body
 * kind      = 1 MRANGE query | 2 MGET query | 3 QUERYINDEX query
 *           | 11 MRANGE part | 12 MGET result | 13 QUERYINDEX result
 * string    = len:i32 utf8[len]            (len -1: null)
 * key       = len:i32 bytes[len]
 * labels    = n:i32 (string name, string value)*n     (order kept)
 * filter    = n:i32 (type:u8 string label n:i32 string*n)*n   type: 1 = (EQ) .. 6 = (LIST_NOT_MATCH), see TYPE_CODES
 * selection = withLabels:u8 n:i32 string*n
 * range     = from:i64 to:i64 flags:u8 count:i64 [n:i32 i64*n] [min:f64 max:f64] [aggregation]
 *             flags: 1 fromIsMin, 2 toIsMax, 4 reverse, 8 latest, 16 FILTER_BY_TS, 32 FILTER_BY_VALUE, 64 AGGREGATION
 * aggregation = n:u8 aggregatorCode:u8*n bucketDuration:i64 bucketTimestampCode:u8 empty:u8
 *             alignment:u8 (0 default, 1 start, 2 end, 3 timestamp) alignTimestamp:i64
 * MRANGE query = range selection filter groupBy:string reducerCode:u8 (0: none)
 * MGET query   = latest:u8 selection filter
 * QUERYINDEX   = filter
 * MRANGE part  = n:i32 (key labels valueTypeCode:u8 hasRows:u8 [width:u8 rows:i32 (ts:i64 f64*width)*rows])*n
 * MGET result  = n:i32 (key labels valueTypeCode:u8 present:u8 ts:i64 value:f64)*n
 * QUERYINDEX result = n:i32 key*n
 * </pre>
 * Doubles travel as their raw bits (NaN of EMPTY buckets included). Decoding an unknown version
 * or kind, or a truncated message, throws {@link IllegalArgumentException}.
 */
public final class QueryCodec {
    public static final int VERSION = 1;

    /** What a message holds; codes are part of the layout. */
    public enum Kind {
        MRANGE_QUERY(1), MGET_QUERY(2), INDEX_QUERY(3), MRANGE_PART(11), MGET_RESULT(12), INDEX_RESULT(13);

        private final int code;

        Kind(int code) { this.code = code; }

        public int code() { return code; }

        static Kind ofCode(int code) {
            for (Kind k : values()) if (k.code == code) return k;
            throw new IllegalArgumentException("unknown query message kind " + code);
        }
    }

    private static final LabelMatcher.Type[] TYPE_CODES = {
        null, LabelMatcher.Type.EQ, LabelMatcher.Type.NEQ, LabelMatcher.Type.CONTAINS, LabelMatcher.Type.NOT_CONTAINS,
        LabelMatcher.Type.LIST_MATCH, LabelMatcher.Type.LIST_NOT_MATCH,
    };
    private static final AggregationQuery.Alignment[] ALIGNMENT_CODES = {
        AggregationQuery.Alignment.DEFAULT, AggregationQuery.Alignment.START, AggregationQuery.Alignment.END,
        AggregationQuery.Alignment.TIMESTAMP,
    };

    private QueryCodec() {}

    /** The kind of an encoded message (checks the version). */
    public static Kind kind(byte[] message) {
        if (message.length < 2) throw new IllegalArgumentException("query message too short");
        if (message[0] != VERSION) throw new IllegalArgumentException("unknown query message version " + message[0]);
        return Kind.ofCode(message[1] & 0xff);
    }

    // ------------------------------------------------------------------ queries

    public static byte[] encode(MRangeQuery q) {
        return write(Kind.MRANGE_QUERY, out -> {
            range(out, q.range());
            selection(out, q.labels());
            filter(out, q.filter());
            string(out, q.groupBy());
            out.writeByte(q.reducer() == null ? 0 : q.reducer().code());
        });
    }

    public static MRangeQuery decodeMRangeQuery(byte[] message) {
        return read(message, Kind.MRANGE_QUERY, in -> {
            RangeQuery range = range(in);
            LabelSelection labels = selection(in);
            List<LabelMatcher> filter = filter(in);
            String groupBy = string(in);
            int reducer = in.readUnsignedByte();
            return new MRangeQuery(range, labels, filter, groupBy, reducer == 0 ? null : Aggregator.ofCode(reducer));
        });
    }

    public static byte[] encode(MGetQuery q) {
        return write(Kind.MGET_QUERY, out -> {
            out.writeBoolean(q.latest());
            selection(out, q.labels());
            filter(out, q.filter());
        });
    }

    public static MGetQuery decodeMGetQuery(byte[] message) {
        return read(message, Kind.MGET_QUERY, in -> new MGetQuery(in.readBoolean(), selection(in), filter(in)));
    }

    public static byte[] encode(IndexQuery q) {
        return write(Kind.INDEX_QUERY, out -> filter(out, q.filter()));
    }

    public static IndexQuery decodeIndexQuery(byte[] message) {
        return read(message, Kind.INDEX_QUERY, in -> new IndexQuery(filter(in)));
    }

    // ------------------------------------------------------------------ answers

    /** Encodes one engine's MRANGE answer; rows still to be computed are computed now. */
    public static byte[] encode(MRangePart part) {
        return write(Kind.MRANGE_PART, out -> {
            out.writeInt(part.series().size());
            for (SeriesRows s : part.series()) {
                key(out, s.key());
                labels(out, s.labels());
                out.writeByte(s.type().code());
                out.writeBoolean(s.rows() != null);
                if (s.rows() != null) rows(out, s.rows());
            }
        });
    }

    public static MRangePart decodeMRangePart(byte[] message) {
        return read(message, Kind.MRANGE_PART, in -> {
            int n = count(in);
            List<SeriesRows> series = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Key key = key(in);
                Map<String, String> labels = labels(in);
                ValueType type = ValueType.ofCode(in.readUnsignedByte());
                Rows rows = in.readBoolean() ? rows(in) : null;
                series.add(new SeriesRows(key, labels, type, rows));
            }
            return new MRangePart(series);
        });
    }

    public static byte[] encode(MGetResult result) {
        return write(Kind.MGET_RESULT, out -> {
            out.writeInt(result.entries().size());
            for (LastSample e : result.entries()) {
                key(out, e.key());
                labels(out, e.labels());
                out.writeByte(e.type().code());
                out.writeBoolean(e.present());
                out.writeLong(e.timestamp());
                out.writeLong(Double.doubleToRawLongBits(e.value()));
            }
        });
    }

    public static MGetResult decodeMGetResult(byte[] message) {
        return read(message, Kind.MGET_RESULT, in -> {
            int n = count(in);
            List<LastSample> entries = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Key key = key(in);
                Map<String, String> labels = labels(in);
                ValueType type = ValueType.ofCode(in.readUnsignedByte());
                boolean present = in.readBoolean();
                long ts = in.readLong();
                double value = Double.longBitsToDouble(in.readLong());
                entries.add(new LastSample(key, labels, type, present, ts, value));
            }
            return new MGetResult(entries);
        });
    }

    public static byte[] encode(IndexResult result) {
        return write(Kind.INDEX_RESULT, out -> {
            out.writeInt(result.keys().size());
            for (Key k : result.keys()) key(out, k);
        });
    }

    public static IndexResult decodeIndexResult(byte[] message) {
        return read(message, Kind.INDEX_RESULT, in -> {
            int n = count(in);
            List<Key> keys = new ArrayList<>(n);
            for (int i = 0; i < n; i++) keys.add(key(in));
            return new IndexResult(keys);
        });
    }

    // ------------------------------------------------------------------ parts

    private static void range(DataOutputStream out, RangeQuery q) throws IOException {
        out.writeLong(q.from());
        out.writeLong(q.to());
        int flags = (q.fromIsMin() ? 1 : 0) | (q.toIsMax() ? 2 : 0) | (q.reverse() ? 4 : 0) | (q.latest() ? 8 : 0)
                | (q.filterByTs() != null ? 16 : 0) | (q.filterByValue() ? 32 : 0) | (q.aggregation() != null ? 64 : 0);
        out.writeByte(flags);
        out.writeLong(q.count());
        if (q.filterByTs() != null) {
            out.writeInt(q.filterByTs().length);
            for (long t : q.filterByTs()) out.writeLong(t);
        }
        if (q.filterByValue()) {
            out.writeLong(Double.doubleToRawLongBits(q.minValue()));
            out.writeLong(Double.doubleToRawLongBits(q.maxValue()));
        }
        AggregationQuery a = q.aggregation();
        if (a != null) {
            out.writeByte(a.aggregators().size());
            for (Aggregator agg : a.aggregators()) out.writeByte(agg.code());
            out.writeLong(a.bucketDuration());
            out.writeByte(a.bucketTimestamp().code());
            out.writeBoolean(a.empty());
            out.writeByte(alignmentCode(a.alignment()));
            out.writeLong(a.alignTimestamp());
        }
    }

    private static RangeQuery range(DataInputStream in) throws IOException {
        long from = in.readLong();
        long to = in.readLong();
        int flags = in.readUnsignedByte();
        long count = in.readLong();
        long[] byTs = null;
        if ((flags & 16) != 0) {
            byTs = new long[count(in)];
            for (int i = 0; i < byTs.length; i++) byTs[i] = in.readLong();
        }
        double min = 0;
        double max = 0;
        if ((flags & 32) != 0) {
            min = Double.longBitsToDouble(in.readLong());
            max = Double.longBitsToDouble(in.readLong());
        }
        AggregationQuery aggregation = null;
        if ((flags & 64) != 0) {
            int n = in.readUnsignedByte();
            List<Aggregator> aggregators = new ArrayList<>(n);
            for (int i = 0; i < n; i++) aggregators.add(Aggregator.ofCode(in.readUnsignedByte()));
            long duration = in.readLong();
            BucketTimestamp bt = BucketTimestamp.ofCode(in.readUnsignedByte());
            boolean empty = in.readBoolean();
            int alignment = in.readUnsignedByte();
            if (alignment >= ALIGNMENT_CODES.length) throw new IllegalArgumentException("unknown alignment code " + alignment);
            aggregation = new AggregationQuery(aggregators, duration, bt, empty, ALIGNMENT_CODES[alignment], in.readLong());
        }
        return new RangeQuery(from, to, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0, count,
                byTs, (flags & 32) != 0, min, max, aggregation);
    }

    private static int alignmentCode(AggregationQuery.Alignment a) {
        for (int i = 0; i < ALIGNMENT_CODES.length; i++) if (ALIGNMENT_CODES[i] == a) return i;
        throw new IllegalStateException("alignment " + a + " has no code");
    }

    private static void selection(DataOutputStream out, LabelSelection s) throws IOException {
        out.writeBoolean(s.withLabels());
        out.writeInt(s.selected().size());
        for (String name : s.selected()) string(out, name);
    }

    private static LabelSelection selection(DataInputStream in) throws IOException {
        boolean with = in.readBoolean();
        int n = count(in);
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) names.add(string(in));
        return new LabelSelection(with, names);
    }

    private static void filter(DataOutputStream out, List<LabelMatcher> filter) throws IOException {
        out.writeInt(filter.size());
        for (LabelMatcher m : filter) {
            out.writeByte(typeCode(m.type()));
            string(out, m.label());
            out.writeInt(m.values().size());
            for (String v : m.values()) string(out, v);
        }
    }

    private static List<LabelMatcher> filter(DataInputStream in) throws IOException {
        int n = count(in);
        List<LabelMatcher> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int code = in.readUnsignedByte();
            if (code == 0 || code >= TYPE_CODES.length) throw new IllegalArgumentException("unknown filter type code " + code);
            String label = string(in);
            int k = count(in);
            List<String> values = new ArrayList<>(k);
            for (int j = 0; j < k; j++) values.add(string(in));
            out.add(new LabelMatcher(TYPE_CODES[code], label, values));
        }
        return out;
    }

    private static int typeCode(LabelMatcher.Type t) {
        for (int i = 1; i < TYPE_CODES.length; i++) if (TYPE_CODES[i] == t) return i;
        throw new IllegalStateException("filter type " + t + " has no code");
    }

    private static void rows(DataOutputStream out, RowSource source) throws IOException {
        Rows rows;
        if (source instanceof Rows r) {
            rows = r;
        } else {
            rows = new Rows(source.width());
            source.stream(rows);
        }
        out.writeByte(rows.width());
        out.writeInt(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.writeLong(rows.timestamp(i));
            for (int c = 0; c < rows.width(); c++) out.writeLong(Double.doubleToRawLongBits(rows.value(i, c)));
        }
    }

    private static Rows rows(DataInputStream in) throws IOException {
        int width = in.readUnsignedByte();
        int n = count(in);
        Rows rows = new Rows(width);
        double[] row = new double[width];
        for (int i = 0; i < n; i++) {
            long ts = in.readLong();
            for (int c = 0; c < width; c++) row[c] = Double.longBitsToDouble(in.readLong());
            rows.accept(ts, row, width);
        }
        return rows;
    }

    private static void labels(DataOutputStream out, Map<String, String> labels) throws IOException {
        out.writeInt(labels.size());
        for (Map.Entry<String, String> e : labels.entrySet()) {
            string(out, e.getKey());
            string(out, e.getValue());
        }
    }

    private static Map<String, String> labels(DataInputStream in) throws IOException {
        int n = count(in);
        if (n == 0) return Map.of();
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) out.put(string(in), string(in));
        return out;
    }

    private static void key(DataOutputStream out, Key key) throws IOException {
        byte[] b = key.bytes();
        out.writeInt(b.length);
        out.write(b);
    }

    private static Key key(DataInputStream in) throws IOException {
        byte[] b = new byte[count(in)];
        in.readFully(b);
        return Key.wrap(b);
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) return null;
        if (n < 0 || n > in.available()) throw new IllegalArgumentException("bad string length " + n);
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A count of following items; each takes at least one byte, so more than what is left is corrupt. */
    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) throw new IllegalArgumentException("bad count " + n);
        return n;
    }

    // ------------------------------------------------------------------ framing

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Kind kind, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeByte(VERSION);
            out.writeByte(kind.code());
            body.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] message, Kind expected, Reader<T> reader) {
        Kind kind = kind(message);
        if (kind != expected) throw new IllegalArgumentException("expected " + expected + " message, got " + kind);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(message, 2, message.length - 2));
        try {
            T value = reader.read(in);
            if (in.available() > 0) throw new IllegalArgumentException(in.available() + " trailing bytes in " + kind + " message");
            return value;
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException("truncated " + kind + " message", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
