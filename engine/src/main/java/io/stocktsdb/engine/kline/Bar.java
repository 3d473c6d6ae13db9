package io.stocktsdb.engine.kline;

/**
 * One candle. Volume and turnover sum the ticks whose volume sample has the price's timestamp;
 * VWAP is turnover / volume (NaN without volume).
 */
public record Bar(long timestamp, double open, double high, double low, double close, double volume, double turnover, long count) {
    public double vwap() {
        return vwap(volume, turnover);
    }

    /** Turnover / volume; NaN without volume. */
    public static double vwap(double volume, double turnover) {
        return volume == 0 ? Double.NaN : turnover / volume;
    }

    double field(BarField f) {
        return switch (f) {
            case OPEN -> open;
            case HIGH -> high;
            case LOW -> low;
            case CLOSE -> close;
            case VOLUME -> volume;
            case TURNOVER -> turnover;
            case COUNT -> count;
        };
    }
}
