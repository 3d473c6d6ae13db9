package io.stocktsdb.it.ops;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** Generated CSV files of each seed business type, in canonical form (what export writes back). */
final class CsvFixtures {
    static final long T0 = 1_704_187_800_000L;

    private CsvFixtures() {}

    /** {@code entities x times} rows, header first; timestamps in ms, numbers in their shortest form. */
    static List<List<String>> rows(String business, int entities, int times) {
        List<List<String>> out = new ArrayList<>();
        for (int t = 0; t < times; t++) {
            for (int e = 0; e < entities; e++) out.add(row(business, e, t));
        }
        return out;
    }

    static String num(double d) {
        if (d == Math.rint(d)) return Long.toString((long) d);
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    static List<String> row(String business, int e, int t) {
        String ts = Long.toString(T0 + t * 1000L);
        double p = (100_000 + e * 1_000 + t * 25) / 100.0;
        return switch (business) {
            case "stock_quotes" -> List.of(ts, "SH60" + (1000 + e), e % 2 == 0 ? "SH" : "SZ", num(p), num(p + 1.5), num(p - 1.25),
                    num(p + 0.5), Long.toString(10_000L + e * 7 + t), num(p * 10_000));
            case "iot_data" -> List.of(ts, "dev-" + e, e % 2 == 0 ? "temperature" : "humidity", num(20 + e + t * 0.5),
                    e % 2 == 0 ? "C" : "%", "building " + (e % 3), t % 4 == 3 ? "warning" : "normal");
            case "financial_quotes" -> List.of(ts, "EUR/USD" + e, "FX", num(p / 1000), num(p / 1000 + 0.0002), num(p / 1000 + 0.0001),
                    Long.toString(5_000L + t), num(t * 0.0001), num(t * 0.01));
            case "orders" -> List.of(ts, "O" + e, "U" + (e % 3), "P" + (e % 5), Long.toString(1 + e % 4), num(p / 10),
                    t == 0 ? "created" : "paid", e % 2 == 0 ? "card" : "alipay");
            case "payments" -> List.of(ts, "PAY" + e, "O" + e, num(p / 10), e % 2 == 0 ? "CNY" : "USD",
                    t == 0 ? "pending" : "succeeded", "stripe", "U" + (e % 3));
            case "inventory" -> List.of(ts, "P" + e, "W" + (e % 2), Long.toString(500 - t * 3 - e), "Shanghai, bay " + e,
                    t % 2 == 0 ? "in_stock" : "low", "worker \"" + e + "\"");
            case "sms" -> List.of(ts, "SMS" + e, "+86138000" + (1000 + e), "Your code is " + (1000 + t) + ", valid\nfor 5 minutes",
                    t == 0 ? "sent" : "delivered", "T" + (e % 2), ts, t == 0 ? "" : Long.toString(T0 + t * 1000L + 500));
            default -> throw new IllegalArgumentException(business);
        };
    }

    static String csv(List<String> header, List<List<String>> rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(sb, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            p.printRecord(header);
            for (List<String> r : rows) p.printRecord(r);
        }
        return sb.toString();
    }

    /** Parsed records without the header. */
    static List<List<String>> parse(String text) throws IOException {
        List<List<String>> out = new ArrayList<>();
        boolean first = true;
        for (CSVRecord r : CSVFormat.RFC4180.parse(new StringReader(text))) {
            if (first) {
                first = false;
                continue;
            }
            out.add(r.toList());
        }
        return out;
    }
}
