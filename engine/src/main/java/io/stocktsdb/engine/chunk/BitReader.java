package io.stocktsdb.engine.chunk;

/**
 * Reads bit fields MSB-first from a {@code long[]} written by {@link BitWriter}. The array must
 * hold one spare word after the last used one (BitWriter and {@link BitWriter#wordsFromBytes}
 * guarantee it), so {@link #peek64()} never needs a bounds check of its own.
 */
final class BitReader {
    private long[] words;
    private int position;

    public BitReader(long[] words) {
        this.words = words;
    }

    public void reset(long[] words, int position) {
        this.words = words;
        this.position = position;
    }

    public int position() { return position; }

    public void skip(int n) { position += n; }

    /** The next 64 bits starting at the current position, without consuming them. */
    public long peek64() {
        int index = position >>> 6;
        int off = position & 63;
        long hi = words[index] << off;
        return off == 0 ? hi : hi | (words[index + 1] >>> (64 - off));
    }

    /** Reads {@code n} bits, {@code 0 <= n <= 64}, as an unsigned value. */
    public long read(int n) {
        if (n == 0) return 0;
        int index = position >>> 6;
        int off = position & 63;
        long hi = words[index] << off;
        position += n;
        if (off + n <= 64) return hi >>> (64 - n);
        return (hi | (words[index + 1] >>> (64 - off))) >>> (64 - n);
    }

    public boolean readBit() {
        boolean bit = (words[position >>> 6] << (position & 63)) < 0;
        position++;
        return bit;
    }
}
