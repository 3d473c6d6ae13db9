package io.stocktsdb.engine.aggregate;

/**
 * Raw samples of a whole series around a point, for twa's interpolation across bucket and range
 * edges. Implementations hide samples expired by retention but apply no range, FILTER_BY_TS or
 * FILTER_BY_VALUE, exactly as RTS looks up neighbours in the series itself.
 */
public interface NeighbourSamples {
    /**
     * Writes up to {@code timestamps.length} samples with timestamp {@code < ts}, nearest first, into
     * the arrays and returns how many were written.
     */
    int before(long ts, long[] timestamps, double[] values);

    /** Up to {@code timestamps.length} samples with timestamp {@code >= ts}, nearest first. */
    int atOrAfter(long ts, long[] timestamps, double[] values);

    NeighbourSamples NONE = new NeighbourSamples() {
        @Override
        public int before(long ts, long[] timestamps, double[] values) {
            return 0;
        }

        @Override
        public int atOrAfter(long ts, long[] timestamps, double[] values) {
            return 0;
        }
    };
}
