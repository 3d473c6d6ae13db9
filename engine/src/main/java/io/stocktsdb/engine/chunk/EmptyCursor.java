package io.stocktsdb.engine.chunk;

/** A cursor with no samples. */
final class EmptyCursor implements SampleCursor {
    static final EmptyCursor INSTANCE = new EmptyCursor();

    private EmptyCursor() {}

    @Override public boolean next() { return false; }

    @Override public long timestamp() { throw new IllegalStateException("empty cursor"); }

    @Override public long valueBits() { throw new IllegalStateException("empty cursor"); }

    @Override public byte[] blob() { throw new IllegalStateException("empty cursor"); }

    @Override public int quality() { throw new IllegalStateException("empty cursor"); }

    @Override public double doubleValue() { throw new IllegalStateException("empty cursor"); }
}
