package io.stocktsdb.server.csv;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;

/**
 * Reads CSV timestamps into epoch milliseconds (the unit TS.* clients use) and writes them back.
 * Accepted: epoch seconds (up to 10 integer digits, optional fraction), epoch milliseconds
 * (11 to 13 digits), ISO-8601 with an offset ({@code 2024-01-02T09:30:00.250+08:00},
 * {@code ...Z}), and ISO-8601 local date-times (a space or {@code T} between date and time,
 * read in the given zone) or dates. With a fixed unit, numbers are taken in that unit.
 */
public final class TimestampFormat {
    /** How numeric timestamps are read, and how export writes them. */
    public enum Unit { AUTO, S, MS, ISO }

    /** Epoch seconds have at most 10 digits until the year 2286; 11+ digits are milliseconds. */
    private static final long SECONDS_LIMIT = 10_000_000_000L;
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME).toFormatter(Locale.ROOT);

    private final Unit unit;
    private final ZoneId zone;

    public TimestampFormat(Unit unit, ZoneId zone) {
        this.unit = unit;
        this.zone = zone;
    }

    /** Epoch milliseconds; throws IllegalArgumentException with the reason. */
    public long parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) throw new IllegalArgumentException("empty timestamp");
        if (isNumber(t)) {
            if (unit == Unit.ISO) throw new IllegalArgumentException("not an ISO-8601 timestamp: '" + text + "'");
            return numeric(t, text);
        }
        if (unit == Unit.S || unit == Unit.MS) throw new IllegalArgumentException("not an epoch number: '" + text + "'");
        return iso(t, text);
    }

    private static boolean isNumber(String t) {
        int i = t.charAt(0) == '-' ? 1 : 0;
        if (i == t.length()) return false;
        boolean dot = false;
        for (; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '.' && !dot) dot = true;
            else if (c < '0' || c > '9') return false;
        }
        return true;
    }

    private long numeric(String t, String original) {
        int dot = t.indexOf('.');
        String whole = dot < 0 ? t : t.substring(0, dot);
        long w;
        try {
            w = Long.parseLong(whole.isEmpty() || whole.equals("-") ? whole + "0" : whole);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("timestamp out of range: '" + original + "'");
        }
        boolean seconds = unit == Unit.S || unit == Unit.AUTO && Math.abs(w) < SECONDS_LIMIT;
        if (!seconds) {
            if (dot >= 0) throw new IllegalArgumentException("fractional milliseconds: '" + original + "'");
            return w;
        }
        long ms = Math.multiplyExact(w, 1000L);
        if (dot >= 0) {
            String frac = (t.substring(dot + 1) + "000").substring(0, 3);
            long f = frac.isEmpty() ? 0 : Long.parseLong(frac);
            ms += t.startsWith("-") ? -f : f;
        }
        return ms;
    }

    private long iso(String t, String original) {
        try {
            if (t.endsWith("Z") || t.endsWith("z") || hasOffset(t)) {
                return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant().toEpochMilli();
            }
            if (t.length() == 10) return LocalDate.parse(t).atStartOfDay(zone).toInstant().toEpochMilli();
            return LocalDateTime.parse(t, LOCAL).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unreadable timestamp: '" + original + "'");
        }
    }

    /** An offset such as +08:00 or -0500 after the time part. */
    private static boolean hasOffset(String t) {
        int timeStart = Math.max(t.indexOf('T'), t.indexOf(' '));
        if (timeStart < 0) return false;
        return t.indexOf('+', timeStart) > 0 || t.indexOf('-', timeStart) > 0;
    }

    /** Export: epoch ms as {@code unit} says (AUTO and MS print milliseconds). */
    public String format(long epochMs) {
        return switch (unit) {
            case S -> epochMs % 1000 == 0 ? Long.toString(epochMs / 1000)
                    : java.math.BigDecimal.valueOf(epochMs, 3).toPlainString();
            case ISO -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochMilli(epochMs).atZone(zone));
            default -> Long.toString(epochMs);
        };
    }
}
