package io.stocktsdb.engine.query;

/** Receives result rows {@code [ts, values[0..width)]}; {@code values} is reused. Return false to stop. */
@FunctionalInterface
public interface RowConsumer {
    boolean accept(long timestamp, double[] values, int width);
}
