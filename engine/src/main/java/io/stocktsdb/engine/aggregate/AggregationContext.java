package io.stocktsdb.engine.aggregate;

import io.stocktsdb.engine.chunk.ChunkSummary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The running state of one aggregator over one bucket, computed exactly like RedisTimeSeries'
 * {@code compaction.c} so results are bit-identical. Samples must be added in ascending timestamp
 * order.
 *
 * <p>Persisted form (compaction rules keep their open bucket): version byte, aggregator code byte,
 * then the aggregator's own fields.
 */
public abstract class AggregationContext {
    static final int FORMAT_VERSION = 1;

    public abstract Aggregator aggregator();

    public abstract void add(long timestamp, double value);

    /** The bucket's value (RTS finalize). Undefined, but no exception, for a bucket without samples. */
    public abstract double result();

    /** The value an EMPTY bucket reports (RTS finalizeEmpty): NaN unless the aggregator says else. */
    public double emptyValue() {
        return Double.NaN;
    }

    /**
     * Whether {@link #addSummary} would leave exactly the state that adding the chunk's samples
     * one by one would (false by default: twa needs every sample).
     */
    public boolean acceptsSummary(ChunkSummary summary) {
        return false;
    }

    /** Adds a whole chunk of the bucket at once; only after {@link #acceptsSummary} said yes. */
    public void addSummary(ChunkSummary summary) {
        throw new UnsupportedOperationException(aggregator() + " has no summary form");
    }

    /**
     * Adds {@code values[from..to)} of one bucket, in timestamp order, without their timestamps (never
     * for twa). Subclasses repeat this loop so that their own {@link #add} is inlined into it.
     */
    public void addValues(double[] values, int from, int to) {
        for (int i = from; i < to; i++) add(0, values[i]);
    }

    /** Whether {@code x} is an integer that exact integer sums can continue from, with {@code room} still to add. */
    static boolean exactlyExtends(double x, long room) {
        return x == Math.rint(x) && Math.abs(x) <= ChunkSummary.EXACT_LIMIT - room;
    }

    /** Prepares for the next bucket (RTS resetContext; {@code last} keeps its value for EMPTY). */
    public abstract void reset();

    /** Back to the freshly created state. */
    public void clear() {
        reset();
    }

    /** An independent copy (used to finalize an open bucket without closing it). */
    public abstract AggregationContext copy();

    // Hooks only twa uses; the others ignore them.

    /** Whether this aggregator reads neighbouring samples outside the bucket. */
    public boolean needsNeighbours() {
        return false;
    }

    /** The edges the time weights are measured against: {@code [start, end)}. */
    public void setBucket(long start, long end) {}

    /** The last sample before the bucket (before the first {@link #add}). */
    public void addPrevious(long timestamp, double value) {}

    /** The first sample after the bucket (after the last {@link #add}). */
    public void addNext(long timestamp, double value) {}

    /** The last sample added (twa only; 0 when none). */
    public long lastTimestamp() {
        return 0;
    }

    public double lastValue() {
        return 0;
    }

    // Persistence.

    abstract void writeState(DataOutput out) throws IOException;

    abstract void readState(DataInput in) throws IOException;

    public final void writeTo(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeByte(aggregator().code());
        writeState(out);
    }

    public static AggregationContext read(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != FORMAT_VERSION) throw new IOException("unsupported aggregation context version " + version);
        AggregationContext context = Aggregator.ofCode(in.readUnsignedByte()).newContext();
        context.readState(in);
        return context;
    }

    public final byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try {
            writeTo(new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static AggregationContext fromBytes(byte[] bytes) throws IOException {
        return read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}
