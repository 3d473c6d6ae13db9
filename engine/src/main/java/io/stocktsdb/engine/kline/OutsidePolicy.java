package io.stocktsdb.engine.kline;


import java.util.Locale;

/** What happens to a price tick outside every trading session. */
public enum OutsidePolicy {
    /** Stored in the tick series as usual, counted in no bar. */
    KEEP,
    /** Refused with an error naming the timestamp; nothing is written. */
    REJECT;

    public static OutsidePolicy parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw KlineErrors.badOutside(text);
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
