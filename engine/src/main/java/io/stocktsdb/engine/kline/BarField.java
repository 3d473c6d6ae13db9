package io.stocktsdb.engine.kline;

import java.util.Locale;

/** The stored fields of a bar, one bar series each; VWAP is derived (turnover / volume) when read. */
public enum BarField {
    OPEN, HIGH, LOW, CLOSE, VOLUME, TURNOVER, COUNT;

    static final BarField[] ALL = values();

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
