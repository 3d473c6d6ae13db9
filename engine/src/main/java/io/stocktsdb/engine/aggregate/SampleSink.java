package io.stocktsdb.engine.aggregate;

/** Receives one sample at a time. Return false to stop. */
@FunctionalInterface
public interface SampleSink {
    boolean accept(long timestamp, double value);
}
