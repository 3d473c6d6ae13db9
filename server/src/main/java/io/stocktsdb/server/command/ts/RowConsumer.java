package io.stocktsdb.server.command.ts;

/** Receives result rows {@code [ts, values[0..width)]}; {@code values} is reused. Return false to stop. */
@FunctionalInterface
interface RowConsumer {
    boolean accept(long timestamp, double[] values, int width);
}
