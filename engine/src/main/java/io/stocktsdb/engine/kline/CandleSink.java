package io.stocktsdb.engine.kline;

/** Receives candles in time order (a day of minute bars for hundreds of instruments is never materialized as objects). */
public interface CandleSink {
    void candle(long timestamp, double open, double high, double low, double close, double volume, double turnover, long count);
}
