package io.stocktsdb.engine.storage.rts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-side encoder of Redis DUMP payloads holding a RedisTimeSeries series, written from the
 * documented formats (Redis rdbSaveLen / rdbSaveRawString / LZF / module opcodes / CRC-64 and the
 * module's series_rdb_save with its two chunk serializations) independently of the decoder under
 * test: it shares no code with it.
 */
public final class RtsDumpWriter {
    /** One rule as the module saves it; {@code context} are the aggregator's saved values, in order. */
    public record Rule(String dest, long bucket, long alignment, int aggregator, long bucketStart, Object... context) {}

    public int encver = 8;
    public int rdbVersion = 12;
    public String keyName = "k";
    public long retention = 0;
    public long chunkSizeBytes = 4096;
    public boolean uncompressed = false;
    public long duplicatePolicy = 0;
    public String sourceKey = null;
    public long ignoreMaxTimeDiff = 0;
    public double ignoreMaxValDiff = 0;
    public Map<String, String> labels = new LinkedHashMap<>();
    public List<Rule> rules = new ArrayList<>();
    /** Samples split into chunks as given. */
    public List<List<double[]>> chunks = new ArrayList<>();
    /** Compress strings longer than 20 bytes with LZF when that saves space (Redis's rdbcompression). */
    public boolean lzf = true;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public byte[] build() {
        out.reset();
        out.write(7);
        len(moduleId("TSDB-TYPE", encver));
        str(keyName.getBytes(StandardCharsets.UTF_8));
        uint(retention);
        uint(encver < 2 ? chunkSizeBytes / 16 : chunkSizeBytes);
        if (encver >= 1) uint(uncompressed ? 1 : 2);
        List<double[]> all = new ArrayList<>();
        for (List<double[]> c : chunks) all.addAll(c);
        if (encver >= 2) {
            uint(all.isEmpty() ? 0 : (long) all.get(all.size() - 1)[0]);
            dbl(all.isEmpty() ? 0 : all.get(all.size() - 1)[1]);
            uint(all.size());
            if (encver >= 3) uint(duplicatePolicy);
            if (sourceKey == null) {
                uint(0);
            } else {
                uint(1);
                str(sourceKey.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (encver >= 8) {
            uint(ignoreMaxTimeDiff);
            dbl(ignoreMaxValDiff);
        }
        uint(labels.size());
        labels.forEach((k, v) -> {
            str(k.getBytes(StandardCharsets.UTF_8));
            str(v.getBytes(StandardCharsets.UTF_8));
        });
        uint(rules.size());
        for (Rule r : rules) {
            str(r.dest().getBytes(StandardCharsets.UTF_8));
            uint(r.bucket());
            if (encver >= 6) uint(r.alignment());
            uint(r.aggregator());
            uint(r.bucketStart());
            for (Object v : r.context()) {
                if (v instanceof Double d) dbl(d);
                else if (v instanceof byte[] b) str(b);
                else uint(((Number) v).longValue());
            }
        }
        if (encver < 2) {
            uint(all.size());
            for (double[] s : all) {
                uint((long) s[0]);
                dbl(s[1]);
            }
        } else {
            uint(chunks.size());
            for (List<double[]> c : chunks) {
                if (uncompressed) uncompressedChunk(c); else compressedChunk(c);
            }
        }
        len(0); // module EOF opcode
        out.write(rdbVersion & 0xFF);
        out.write(rdbVersion >>> 8);
        byte[] body = out.toByteArray();
        long crc = crc64(body);
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        full.writeBytes(body);
        for (int i = 0; i < 8; i++) full.write((int) (crc >>> (8 * i)));
        return full.toByteArray();
    }

    private void uncompressedChunk(List<double[]> samples) {
        long size = Math.max(chunkSizeBytes, samples.size() * 16L);
        byte[] buf = new byte[(int) size];
        for (int i = 0; i < samples.size(); i++) {
            putLe(buf, i * 16, (long) samples.get(i)[0]);
            putLe(buf, i * 16 + 8, Double.doubleToRawLongBits(samples.get(i)[1]));
        }
        uint(samples.isEmpty() ? 0 : (long) samples.get(0)[0]);
        uint(samples.size());
        uint(size);
        str(buf);
    }

    private void compressedChunk(List<double[]> samples) {
        Gorilla g = new Gorilla((int) chunkSizeBytes);
        for (double[] s : samples) g.append((long) s[0], Double.doubleToRawLongBits(s[1]));
        uint(g.words.length * 8L);
        uint(g.count);
        uint(g.idx);
        uint(g.baseValue);
        uint(g.baseTs);
        uint(g.prevTs);
        uint(g.prevDelta);
        uint(g.prevValue);
        uint(g.prevLeading);
        uint(g.prevTrailing);
        byte[] data = new byte[g.words.length * 8];
        for (int i = 0; i < g.words.length; i++) putLe(data, i * 8, g.words[i]);
        str(data);
    }

    private static void putLe(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) b[at + i] = (byte) (v >>> (8 * i));
    }

    // ------------------------------------------------------------------ RDB encodings

    public static long moduleId(String name, int encver) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        long id = 0;
        for (char c : name.toCharArray()) id = id << 6 | chars.indexOf(c);
        return id << 10 | encver;
    }

    private void len(long v) {
        if (v >= 0 && v < 64) {
            out.write((int) v);
        } else if (v >= 0 && v < 16384) {
            out.write((int) (0x40 | v >>> 8));
            out.write((int) (v & 0xFF));
        } else if (v >= 0 && v <= 0xFFFFFFFFL) {
            out.write(0x80);
            for (int i = 3; i >= 0; i--) out.write((int) (v >>> (8 * i)));
        } else {
            out.write(0x81);
            for (int i = 7; i >= 0; i--) out.write((int) (v >>> (8 * i)));
        }
    }

    private void uint(long v) {
        len(2);
        len(v);
    }

    private void dbl(double d) {
        len(4);
        long bits = Double.doubleToRawLongBits(d);
        for (int i = 0; i < 8; i++) out.write((int) (bits >>> (8 * i)));
    }

    private void str(byte[] b) {
        len(5);
        rdbString(b);
    }

    /** rdbSaveRawString: integer encoding for short decimal strings, LZF above 20 bytes when smaller. */
    void rdbString(byte[] b) {
        if (b.length <= 11) {
            String s = new String(b, StandardCharsets.ISO_8859_1);
            try {
                long v = Long.parseLong(s);
                if (Long.toString(v).equals(s)) {
                    if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                        out.write(0xC0);
                        out.write((int) v);
                        return;
                    } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                        out.write(0xC1);
                        out.write((int) v);
                        out.write((int) (v >>> 8));
                        return;
                    } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                        out.write(0xC2);
                        for (int i = 0; i < 4; i++) out.write((int) (v >>> (8 * i)));
                        return;
                    }
                }
            } catch (NumberFormatException notANumber) {
                // a plain string
            }
        }
        if (lzf && b.length > 20) {
            byte[] c = lzfCompress(b);
            if (c.length < b.length - 4) {
                out.write(0xC3);
                len(c.length);
                len(b.length);
                out.writeBytes(c);
                return;
            }
        }
        len(b.length);
        out.writeBytes(b);
    }

    /** A simple greedy LZF compressor (literal runs of up to 32 bytes, back references of 3..264 bytes within 8 KiB). */
    static byte[] lzfCompress(byte[] in) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream lit = new ByteArrayOutputStream();
        int i = 0;
        while (i < in.length) {
            int bestLen = 0;
            int bestOff = 0;
            for (int j = Math.max(0, i - 8192); j < i; j++) {
                int n = 0;
                while (i + n < in.length && n < 264 && in[j + n] == in[i + n]) n++;
                if (n > bestLen) {
                    bestLen = n;
                    bestOff = i - j - 1;
                }
            }
            if (bestLen >= 3) {
                flushLiterals(o, lit);
                int l = bestLen - 2;
                if (l < 7) {
                    o.write(l << 5 | bestOff >>> 8);
                } else {
                    o.write(7 << 5 | bestOff >>> 8);
                    o.write(l - 7);
                }
                o.write(bestOff & 0xFF);
                i += bestLen;
            } else {
                lit.write(in[i++]);
                if (lit.size() == 32) flushLiterals(o, lit);
            }
        }
        flushLiterals(o, lit);
        return o.toByteArray();
    }

    private static void flushLiterals(ByteArrayOutputStream o, ByteArrayOutputStream lit) {
        if (lit.size() == 0) return;
        o.write(lit.size() - 1);
        o.writeBytes(lit.toByteArray());
        lit.reset();
    }

    /** Bit by bit, reflected form of Redis's CRC-64 (Jones). */
    public static long crc64(byte[] data) {
        long crc = 0;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x95AC9329AC4BC9B5L : crc >>> 1;
        }
        return crc;
    }

    /** RedisTimeSeries' Gorilla append (appendInteger / appendFloat), little-endian bit order. */
    static final class Gorilla {
        long[] words;
        long idx;
        long count;
        long baseValue;
        long baseTs;
        long prevTs;
        long prevDelta;
        long prevValue;
        int prevLeading = 32;
        int prevTrailing = 32;

        Gorilla(int sizeBytes) {
            words = new long[Math.max(1, sizeBytes / 8)];
        }

        void append(long ts, long valueBits) {
            if (count == 0) {
                baseValue = prevValue = valueBits;
                baseTs = prevTs = ts;
                prevDelta = 0;
                count++;
                return;
            }
            ensure(idx + 6 + 64 + 2 + 5 + 6 + 64);
            long delta = ts - prevTs;
            long dod = delta - prevDelta;
            if (dod == 0) {
                put(0, 1);
            } else if (fits(dod, 5)) {
                put(0x01, 2);
                put(dod, 5);
            } else if (fits(dod, 8)) {
                put(0x03, 3);
                put(dod, 8);
            } else if (fits(dod, 11)) {
                put(0x07, 4);
                put(dod, 11);
            } else if (fits(dod, 15)) {
                put(0x0f, 5);
                put(dod, 15);
            } else if (fits(dod, 32)) {
                put(0x1f, 6);
                put(dod, 32);
            } else {
                put(0x3f, 6);
                put(dod, 64);
            }
            prevDelta = delta;
            prevTs = ts;
            long x = valueBits ^ prevValue;
            if (x == 0) {
                put(0, 1);
            } else {
                put(1, 1);
                int leading = Math.min(31, Long.numberOfLeadingZeros(x));
                int trailing = Long.numberOfTrailingZeros(x);
                int block = 64 - leading - trailing;
                int prevBlock = 64 - prevLeading - prevTrailing;
                if (leading >= prevLeading && trailing >= prevTrailing && 5 + 6 + block > prevBlock) {
                    put(0, 1);
                    put(x >>> prevTrailing, prevBlock);
                } else {
                    put(1, 1);
                    put(leading, 5);
                    put(block - 1, 6);
                    put(x >>> trailing, block);
                    prevLeading = leading;
                    prevTrailing = trailing;
                }
            }
            prevValue = valueBits;
            count++;
        }

        private static boolean fits(long v, int bits) {
            return v >= -(1L << (bits - 1)) && v <= (1L << (bits - 1)) - 1;
        }

        private void ensure(long bits) {
            while (words.length * 64L < bits) words = java.util.Arrays.copyOf(words, words.length * 2);
        }

        private void put(long v, int n) {
            for (int i = 0; i < n; i++) {
                if (((v >>> i) & 1) != 0) words[(int) (idx >>> 6)] |= 1L << (idx & 63);
                idx++;
            }
        }
    }
}
