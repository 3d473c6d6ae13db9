package io.stocktsdb.engine.kline;


import java.util.Locale;

/**
 * One bar width of a K-line family: {@code Ns}, {@code Nm}, {@code Nh} (intraday, aligned to the
 * session open, or to local midnight without sessions) or {@code 1d} (one bar per local calendar
 * day). The label is the canonical text ({@code 1m}, {@code 1h}, {@code 1d}).
 */
public record Timeframe(String label, long millis, boolean daily) {
    private static final long DAY_MS = 86_400_000L;

    /** Parses {@code 30s}, {@code 1m}, {@code 15m}, {@code 4h}, {@code 1d}; throws naming the argument. */
    public static Timeframe parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.length() >= 2) {
            char unit = t.charAt(t.length() - 1);
            String digits = t.substring(0, t.length() - 1);
            if (digits.chars().allMatch(Character::isDigit) && digits.length() <= 6 && !digits.isEmpty()) {
                long n = Long.parseLong(digits);
                long unitMs = switch (unit) {
                    case 's' -> 1000L;
                    case 'm' -> 60_000L;
                    case 'h' -> 3_600_000L;
                    case 'd' -> DAY_MS;
                    default -> -1;
                };
                if (n > 0 && unitMs > 0) {
                    if (unit == 'd') {
                        if (n == 1) return new Timeframe("1d", DAY_MS, true);
                    } else if (n * unitMs < DAY_MS) {
                        return new Timeframe(n + String.valueOf(unit), n * unitMs, false);
                    }
                }
            }
        }
        throw KlineErrors.badTimeframe(text);
    }
}
