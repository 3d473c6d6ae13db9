package io.stocktsdb.engine.chunk;

import java.util.Arrays;

/**
 * An index of a compressed chunk's bit stream in blocks of {@value #BLOCK} samples: the
 * decoder's state before each block, so a reader can start decoding at the block holding a
 * timestamp instead of at the chunk's first sample (a descending read of the newest samples, a
 * range starting inside the chunk), and each block's span and {@link ChunkSummary}, so an
 * aggregation can take a block that lies inside one bucket without decoding it. Built by one
 * decoding pass, for chunks that stay around ({@link Chunk#index}); immutable once built. A chunk
 * keeping an index is only ever appended to (any other change drops it), so an index of its first
 * samples stays true and {@link #extend} decodes only the last block and what was appended.
 */
public final class ChunkIndex {
    public static final int BLOCK = 128;
    private static final int STRIDE = NumericDecoder.STATE_LONGS;

    /** Samples covered (the chunk's count when built). */
    final int samples;
    private final int blocks;
    private final long[] states;
    private final long[] firstTs;
    private final long[] lastTs;
    private final ChunkSummary[] summaries;

    private ChunkIndex(int samples, int blocks, long[] states, long[] firstTs, long[] lastTs, ChunkSummary[] summaries) {
        this.samples = samples;
        this.blocks = blocks;
        this.states = states;
        this.firstTs = firstTs;
        this.lastTs = lastTs;
        this.summaries = summaries;
    }

    /**
     * The index of the {@code count} samples of {@code words}, reusing {@code known} (an index
     * of a prefix of the same stream, or null): its last block is decoded again, with what follows.
     */
    static ChunkIndex extend(ChunkIndex known, long[] words, int count, long first, boolean intValues) {
        if (known != null && known.samples > count) known = null; // not a prefix: built anew
        int blocks = (count + BLOCK - 1) / BLOCK;
        long[] states = new long[blocks * STRIDE];
        long[] firstTs = new long[blocks];
        long[] lastTs = new long[blocks];
        ChunkSummary[] summaries = new ChunkSummary[blocks];
        NumericDecoder d = new NumericDecoder();
        int block = 0;
        if (known != null && known.blocks > 0) {
            block = known.blocks - 1; // the last known block may have grown: decoded again from its start
            System.arraycopy(known.states, 0, states, 0, known.blocks * STRIDE);
            System.arraycopy(known.firstTs, 0, firstTs, 0, block);
            System.arraycopy(known.lastTs, 0, lastTs, 0, block);
            System.arraycopy(known.summaries, 0, summaries, 0, block);
            d.restore(words, states, block * STRIDE);
            d.setRemaining(count - block * BLOCK);
        } else {
            d.reset(words, count, first, intValues);
        }
        for (; block < blocks; block++) {
            d.save(states, block * STRIDE);
            int n = Math.min(BLOCK, count - block * BLOCK);
            ChunkSummary summary = new ChunkSummary();
            for (int i = 0; i < n; i++) {
                if (!d.next()) throw new IllegalStateException("chunk stream ended at sample " + (block * BLOCK + i) + " of " + count);
                if (i == 0) firstTs[block] = d.ts;
                summary.add(intValues ? (double) d.valueBits : Double.longBitsToDouble(d.valueBits));
            }
            lastTs[block] = d.ts;
            summaries[block] = summary;
        }
        return new ChunkIndex(count, blocks, states, firstTs, lastTs, summaries);
    }

    public int blocks() {
        return blocks;
    }

    public long firstTimestamp(int block) {
        return firstTs[block];
    }

    public long lastTimestamp(int block) {
        return lastTs[block];
    }

    /** The block's samples summarized; its {@link ChunkSummary#count()} is the block's sample count. Not to be changed. */
    public ChunkSummary summary(int block) {
        return summaries[block];
    }

    /** The first block with a sample at or after {@code t} (every sample of earlier blocks is before it); {@link #blocks()} if none. */
    public int firstBlockReaching(long t) {
        int i = Arrays.binarySearch(lastTs, 0, blocks, t);
        return i >= 0 ? i : -i - 1;
    }

    /** The last block whose first sample is at or before {@code t}, or -1. */
    int lastBlockStartingBy(long t) {
        int i = Arrays.binarySearch(firstTs, 0, blocks, t);
        return i >= 0 ? i : -i - 2;
    }

    /** Points {@code d} at the start of {@code block} of {@code words}, a chunk of {@code count} samples. */
    void seek(NumericDecoder d, long[] words, int block, int count) {
        d.restore(words, states, block * STRIDE);
        d.setRemaining(count - block * BLOCK);
    }
}
