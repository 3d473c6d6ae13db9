package io.stocktsdb.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.boot.Main;
import io.stocktsdb.server.csv.BusinessMapping;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CSV import and export through the real CLI against a real server: every business type, bad rows, re-import. */
class ImportExportIT {
    private TestServer server;
    @TempDir
    Path dir;

    /** A server per test: each test compares whole exports. */
    @BeforeEach
    void start() { server = TestServer.start(); }

    @AfterEach
    void stop() { server.close(); }

    record Run(int exit, String out, String err) {}

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private Run importFile(Path file, String business, String... extra) {
        List<String> a = new ArrayList<>(List.of("import", "--file", file.toString(), "--business", business,
                "--port", String.valueOf(server.port()), "--progress", "none"));
        a.addAll(List.of(extra));
        return cli(a.toArray(new String[0]));
    }

    private Run export(String business, String... extra) {
        List<String> a = new ArrayList<>(List.of("export", "--business", business, "--port", String.valueOf(server.port())));
        a.addAll(List.of(extra));
        return cli(a.toArray(new String[0]));
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        List<List<String>> s = new ArrayList<>(rows);
        s.sort(Comparator.comparing(r -> String.join("\u0001", r)));
        return s;
    }

    /** Samples each good row writes with the business's default form. */
    private static final Map<String, Integer> SAMPLES_PER_ROW = Map.of("stock_quotes", 6, "iot_data", 2, "financial_quotes", 6,
            "orders", 3, "payments", 2, "inventory", 2, "sms", 1);

    @ParameterizedTest
    @ValueSource(strings = {"stock_quotes", "iot_data", "financial_quotes", "orders", "payments", "inventory", "sms"})
    void roundTripWithBadRowsAndReimport(String business) throws Exception {
        BusinessMapping m = BusinessMapping.of(business);
        List<List<String>> good = CsvFixtures.rows(business, 4, 5);
        String text = CsvFixtures.csv(m.columns(), good);
        // bad rows after the good ones; their line numbers follow the lines the good rows took
        long line = text.split("\n", -1).length - 1;
        Map<Long, String> expectedRejects = new LinkedHashMap<>();
        StringBuilder bad = new StringBuilder();
        List<String> badRows = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        badRows.add("1704187800000,only-two");
        reasons.add("expected " + m.columns().size() + " columns, got 2");
        List<String> sample = new ArrayList<>(good.get(0));
        sample.set(0, "yesterday");
        badRows.add(String.join(",", sample.stream().map(ImportExportIT::plain).toList()));
        reasons.add("timestamp: unreadable timestamp: 'yesterday'");
        sample = new ArrayList<>(good.get(0));
        sample.set(m.columns().indexOf(m.entityColumns().get(0)), "");
        badRows.add(String.join(",", sample.stream().map(ImportExportIT::plain).toList()));
        reasons.add("empty " + m.entityColumns().get(0));
        if (!m.numericColumns().isEmpty()) {
            sample = new ArrayList<>(good.get(1));
            String col = m.numericColumns().get(0);
            sample.set(m.columns().indexOf(col), "abc");
            badRows.add(String.join(",", sample.stream().map(ImportExportIT::plain).toList()));
            reasons.add(col + " is not a number: 'abc'");
        }
        badRows.add("1704187800000,\"never closed");
        reasons.add("unterminated quoted field");
        for (int i = 0; i < badRows.size(); i++) {
            expectedRejects.put(line + 1, reasons.get(i));
            line += 1 + badRows.get(i).chars().filter(ch -> ch == '\n').count();
            bad.append(badRows.get(i)).append('\n');
        }
        Path file = dir.resolve(business + ".csv");
        Files.writeString(file, text + bad, StandardCharsets.UTF_8);

        Run first = importFile(file, business);
        assertThat(first.exit()).as(first.err()).isEqualTo(1);
        int rowsRead = good.size() + expectedRejects.size();
        long samples = (long) good.size() * SAMPLES_PER_ROW.get(business);
        assertThat(first.out()).contains("rows read:        " + rowsRead + "\n", "samples written:  " + samples + "\n",
                "rows rejected:    " + expectedRejects.size() + "\n");
        for (Map.Entry<Long, String> e : expectedRejects.entrySet()) {
            assertThat(first.out()).contains("  line " + e.getKey() + ": " + e.getValue() + "\n");
        }

        Run exported = export(business);
        assertThat(exported.exit()).as(exported.err()).isZero();
        assertThat(exported.out()).startsWith(String.join(",", m.columns()) + "\n");
        assertThat(sorted(CsvFixtures.parse(exported.out()))).isEqualTo(sorted(good));

        String businessInfo;
        try (RawClient c = new RawClient(server.port())) {
            businessInfo = InfoText.parseReply(c.call("INFO", "business")).section("Business").get(business);
        }
        Run second = importFile(file, business);
        assertThat(second.exit()).isEqualTo(1);
        assertThat(second.out()).contains("rows rejected:    " + expectedRejects.size() + "\n");
        try (RawClient c = new RawClient(server.port())) {
            Map<String, String> again = InfoText.pairs(InfoText.parseReply(c.call("INFO", "business")).section("Business").get(business));
            Map<String, String> before = InfoText.pairs(businessInfo);
            assertThat(again.get("keys")).isEqualTo(before.get("keys"));
            assertThat(again.get("samples")).isEqualTo(before.get("samples"));
        }
        assertThat(sorted(CsvFixtures.parse(export(business).out()))).isEqualTo(sorted(good));
    }

    /** A field as a bare CSV cell (the bad rows above have no commas or quotes in their cells except where intended). */
    private static String plain(String cell) {
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    @Test
    void importedQuotesAnswerMrangeFilters() throws Exception {
        List<List<String>> rows = CsvFixtures.rows("stock_quotes", 4, 3);
        List<List<String>> shifted = new ArrayList<>();
        for (List<String> r : rows) {
            List<String> s = new ArrayList<>(r);
            s.set(1, r.get(1).replace("SH60", "SH70"));
            shifted.add(s);
        }
        Path file = dir.resolve("quotes.csv");
        Files.writeString(file, CsvFixtures.csv(BusinessMapping.of("stock_quotes").columns(), shifted));
        assertThat(importFile(file, "stock_quotes").exit()).isZero();
        try (RawClient c = new RawClient(server.port())) {
            String reply = c.call("TS.MRANGE", "-", "+", "FILTER", "field=close", "market=SH", "stock_code=(SH701000,SH701002)");
            assertThat(reply).startsWith("*2\r\n").contains("stock:SH701000:close").contains("stock:SH701002:close");
            String one = c.call("TS.RANGE", "stock:SH701002:close", "-", "+");
            assertThat(one).startsWith("*3\r\n*2\r\n:" + CsvFixtures.T0 + "\r\n").contains(shifted.get(2).get(6));
            assertThat(c.call("TS.INFO", "stock:SH701000:open")).contains("duplicatePolicy").contains("last");
        }
    }

    @Test
    void secondsAndIsoTimestampsBecomeMilliseconds() throws Exception {
        BusinessMapping m = BusinessMapping.of("iot_data");
        List<List<String>> rows = CsvFixtures.rows("iot_data", 2, 2);
        List<List<String>> input = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<String> r = new ArrayList<>(rows.get(i));
            long ms = Long.parseLong(r.get(0));
            r.set(0, i % 2 == 0 ? Long.toString(ms / 1000) : java.time.Instant.ofEpochMilli(ms).toString());
            r.set(1, r.get(1).replace("dev-", "sensor-"));
            input.add(r);
        }
        Path file = dir.resolve("iot-times.csv");
        Files.writeString(file, CsvFixtures.csv(m.columns(), input));
        assertThat(importFile(file, "iot_data").exit()).isZero();
        List<List<String>> back = new ArrayList<>();
        for (List<String> r : CsvFixtures.parse(export("iot_data", "--from", String.valueOf(CsvFixtures.T0)).out())) {
            if (r.get(1).startsWith("sensor-")) back.add(r);
        }
        List<List<String>> expected = new ArrayList<>();
        for (List<String> r : rows) {
            List<String> s = new ArrayList<>(r);
            s.set(1, r.get(1).replace("dev-", "sensor-"));
            expected.add(s);
        }
        assertThat(sorted(back)).isEqualTo(sorted(expected));
        Run iso = export("iot_data", "--time-format", "iso", "--from", "2024-01-02T09:30:01Z", "--to", "2024-01-02T09:30:01Z");
        assertThat(CsvFixtures.parse(iso.out())).allSatisfy(r -> assertThat(r.get(0)).isEqualTo("2024-01-02T09:30:01Z")).isNotEmpty();
    }

    @Test
    void theOtherFormRoundTrips() throws Exception {
        // quotes stored whole as hashes, orders as series plus string series
        for (String business : List.of("stock_quotes", "orders")) {
            BusinessMapping m = BusinessMapping.of(business);
            List<List<String>> rows = new ArrayList<>();
            for (List<String> r : CsvFixtures.rows(business, 3, 2)) {
                List<String> s = new ArrayList<>(r);
                s.set(1, "alt" + r.get(1));
                rows.add(s);
            }
            Path file = dir.resolve("alt-" + business + ".csv");
            Files.writeString(file, CsvFixtures.csv(m.columns(), rows));
            String form = m.defaultForm().name().equals("SERIES") ? "hash" : "series";
            Run r = importFile(file, business, "--form", form);
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            List<List<String>> back = new ArrayList<>();
            for (List<String> row : CsvFixtures.parse(export(business, "--form", form).out())) {
                if (row.get(1).startsWith("alt")) back.add(row);
            }
            assertThat(sorted(back)).as(business).isEqualTo(sorted(rows));
        }
    }

    @Test
    void unknownBusinessAndMissingColumnsStopBeforeWriting() throws Exception {
        Path file = dir.resolve("x.csv");
        Files.writeString(file, "timestamp,stock_code\n1,A\n");
        Run unknown = importFile(file, "nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown business 'nope'");
        Run missing = importFile(file, "stock_quotes");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("the file has no column 'market'");
    }
}
