package io.stocktsdb.server.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits CSV text into records without ever losing sync: a record is one physical line, or
 * several while a quoted field spans line breaks (at most {@link #MAX_LINES_PER_RECORD} lines).
 * Lines without a quote are split on commas directly (RFC 4180 fields without quotes hold no
 * comma, quote or line break); quoted records are parsed by Commons CSV. A malformed record is
 * reported with its line number, and reading resumes on the line after its first one.
 */
public final class CsvRecordReader {
    static final int MAX_LINES_PER_RECORD = 64;
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().get();

    /** One record: its first line number (1-based) and its fields or, when malformed, why. */
    public static final class Record {
        long line;
        String[] fields;
        String error;

        public long line() { return line; }

        public String[] fields() { return fields; }

        /** Null when the record parsed. */
        public String error() { return error; }
    }

    private final BufferedReader in;
    private final Deque<String> replay = new ArrayDeque<>();
    private long lineNo;

    public CsvRecordReader(BufferedReader in) { this.in = in; }

    private String readLine() throws IOException {
        String l = replay.isEmpty() ? in.readLine() : replay.pollFirst();
        if (l != null) lineNo++;
        return l;
    }

    /** Fills {@code r} with the next record; false at the end of the input. Blank lines are skipped. */
    public boolean next(Record r) throws IOException {
        String line;
        do {
            line = readLine();
            if (line == null) return false;
        } while (line.isEmpty());
        r.line = lineNo;
        r.error = null;
        r.fields = null;
        if (line.indexOf('"') < 0) {
            r.fields = split(line);
            return true;
        }
        List<String> lines = new ArrayList<>();
        lines.add(line);
        StringBuilder text = new StringBuilder(line);
        while (oddQuotes(text) && lines.size() < MAX_LINES_PER_RECORD) {
            String more = readLine();
            if (more == null) break;
            lines.add(more);
            text.append('\n').append(more);
        }
        if (oddQuotes(text)) {
            r.error = "unterminated quoted field";
            for (int i = lines.size() - 1; i >= 1; i--) replay.addFirst(lines.get(i));
            lineNo -= lines.size() - 1;
            return true;
        }
        try (CSVParser p = CSVParser.parse(new StringReader(text.toString()), FORMAT)) {
            List<CSVRecord> records = p.getRecords();
            if (records.size() == 1) r.fields = records.get(0).values();
            else r.error = "malformed quoting";
        } catch (IOException | RuntimeException e) {
            r.error = "malformed quoting: " + e.getMessage();
        }
        return true;
    }

    private static boolean oddQuotes(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '"') n++;
        return (n & 1) == 1;
    }

    static String[] split(String line) {
        int n = 1;
        for (int i = 0; i < line.length(); i++) if (line.charAt(i) == ',') n++;
        String[] out = new String[n];
        int start = 0;
        for (int k = 0; k < n - 1; k++) {
            int comma = line.indexOf(',', start);
            out[k] = line.substring(start, comma);
            start = comma + 1;
        }
        out[n - 1] = line.substring(start);
        return out;
    }
}
