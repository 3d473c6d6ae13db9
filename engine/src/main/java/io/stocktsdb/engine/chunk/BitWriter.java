package io.stocktsdb.engine.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Appends bit fields MSB-first into a growable {@code long[]}: bit 0 of the stream is the most
 * significant bit of word 0. The array always keeps one spare word past the last written bit so
 * that {@link BitReader#peek64()} can read two words without a bounds branch.
 */
final class BitWriter {
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private long[] words;
    private int bitLength;

    public BitWriter(int initialBytes) {
        words = new long[Math.max(2, (initialBytes + 7) / 8 + 1)];
    }

    /** Wraps words already holding {@code bitLength} bits (bits past it must be zero). */
    BitWriter(long[] words, int bitLength) {
        this.words = words;
        this.bitLength = bitLength;
        ensureCapacity(0);
    }

    public int bitLength() { return bitLength; }

    /** Bytes needed to hold the bits written so far. */
    public int byteLength() { return (bitLength + 7) >>> 3; }

    /** The backing words; valid up to {@link #bitLength()}, followed by at least one zero word. */
    long[] words() { return words; }

    /** Writes the low {@code n} bits of {@code value}, {@code 0 <= n <= 64}. */
    public void write(long value, int n) {
        if (n == 0) return;
        ensureCapacity(n);
        int index = bitLength >>> 6;
        int free = 64 - (bitLength & 63);
        long v = n == 64 ? value : value & ((1L << n) - 1);
        if (n <= free) {
            words[index] |= v << (free - n);
        } else {
            int rest = n - free; // 1..63
            words[index] |= v >>> rest;
            words[index + 1] = v << (64 - rest);
        }
        bitLength += n;
    }

    public void writeBit(boolean bit) {
        ensureCapacity(1);
        if (bit) words[bitLength >>> 6] |= 1L << (63 - (bitLength & 63));
        bitLength++;
    }

    /** Drops every bit at or after {@code newBitLength} (used to undo an append that did not fit). */
    public void truncate(int newBitLength) {
        if (newBitLength > bitLength || newBitLength < 0) throw new IllegalArgumentException("truncate to " + newBitLength);
        int index = newBitLength >>> 6;
        int used = newBitLength & 63;
        int lastIndex = (bitLength - 1) >>> 6;
        if (bitLength > 0 && index <= lastIndex) {
            words[index] = used == 0 ? 0 : words[index] & (-1L << (64 - used));
            for (int i = index + 1; i <= lastIndex; i++) words[i] = 0;
        }
        bitLength = newBitLength;
    }

    /** Copies the written bits as big-endian bytes ({@link #byteLength()} of them) into {@code dst}. */
    public void copyBytes(byte[] dst, int off) {
        int n = byteLength();
        int full = n >>> 3;
        for (int i = 0; i < full; i++) BIG_ENDIAN_LONG.set(dst, off + (i << 3), words[i]);
        for (int b = full << 3; b < n; b++) {
            dst[off + b] = (byte) (words[b >>> 3] >>> (56 - ((b & 7) << 3)));
        }
    }

    /** Reads {@code byteLength} big-endian bytes into words padded with the spare zero word. */
    static long[] wordsFromBytes(byte[] src, int off, int byteLength) {
        long[] w = new long[(byteLength + 7) / 8 + 1];
        int full = byteLength >>> 3;
        for (int i = 0; i < full; i++) w[i] = (long) BIG_ENDIAN_LONG.get(src, off + (i << 3));
        for (int b = full << 3; b < byteLength; b++) {
            w[b >>> 3] |= (src[off + b] & 0xFFL) << (56 - ((b & 7) << 3));
        }
        return w;
    }

    private void ensureCapacity(int extraBits) {
        int neededWords = ((bitLength + extraBits) >>> 6) + 2;
        if (neededWords > words.length) {
            words = Arrays.copyOf(words, Math.max(neededWords, words.length + (words.length >>> 1)));
        }
    }
}
