package io.stocktsdb.resp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * One decoded command: argument slices over the receive buffer (or over a scratch buffer for
 * inline commands). A connection reuses one instance; arguments stay valid until the handler
 * returns, so handlers copy what they keep ({@link #bytes(int)}).
 */
public final class RespRequest {
    private ByteBuf source;
    private int[] offsets = new int[8];
    private int[] lengths = new int[8];
    private int argc;
    /** An argument received straight into its own arrays (a huge value): {@link #parts} hands them out uncopied. */
    private byte[][] adopted;
    private int adoptedIndex = -1;
    private static final int SCRATCH_BYTES = 64;
    private final byte[] scratch = new byte[SCRATCH_BYTES];

    /** A request over copies of the given arguments (MULTI queue replay, internal calls). */
    public static RespRequest of(byte[]... args) {
        int total = 0;
        for (byte[] a : args) total += a.length;
        ByteBuf buf = io.netty.buffer.Unpooled.buffer(Math.max(total, 1));
        RespRequest r = new RespRequest();
        r.reset(buf);
        r.ensureCapacity(args.length);
        for (byte[] a : args) {
            r.addArg(buf.writerIndex(), a.length);
            buf.writeBytes(a);
        }
        return r;
    }

    void reset(ByteBuf source) {
        this.source = source;
        this.argc = 0;
        this.adopted = null;
        this.adoptedIndex = -1;
    }

    /**
     * Declares that the argument starting at {@code offset} of the source, {@code length} bytes
     * long, is the concatenation of {@code parts} (its bytes were received into them):
     * {@link #parts} returns those arrays instead of a copy, so a huge value is never copied (nor
     * joined into one array) on its way to the command. Does nothing when no argument lies there.
     */
    public void adopt(byte[][] parts, int offset, int length) {
        for (int i = 0; i < argc; i++) {
            if (offsets[i] == offset && lengths[i] == length) {
                adopted = parts;
                adoptedIndex = i;
                return;
            }
        }
    }

    /** Whether argument {@code i} was received into its own arrays (see {@link #adopt}). */
    public boolean isAdopted(int i) {
        return i == adoptedIndex;
    }

    /** Argument {@code i} as parts: an adopted one's own arrays (never to be written to), else one copy. */
    public byte[][] parts(int i) {
        return i == adoptedIndex ? adopted : new byte[][] {bytes(i)};
    }

    /** Points the decoded arguments at {@code source} again, keeping {@code argc} of them. */
    void reset(ByteBuf source, int argc) {
        this.source = source;
        this.argc = argc;
    }

    void ensureCapacity(int n) {
        if (offsets.length < n) {
            int cap = Math.max(n, offsets.length * 2);
            offsets = java.util.Arrays.copyOf(offsets, cap);
            lengths = java.util.Arrays.copyOf(lengths, cap);
        }
    }

    /** Argument slots currently allocated (tests check that headers do not size them). */
    int capacity() { return offsets.length; }

    void addArg(int absoluteOffset, int length) {
        if (argc == offsets.length) ensureCapacity(argc + 1);
        offsets[argc] = absoluteOffset;
        lengths[argc] = length;
        argc++;
    }

    /** Shifts every argument offset; used when the request was decoded relative to a command start. */
    void rebase(int base) {
        for (int i = 0; i < argc; i++) offsets[i] += base;
    }

    public int argc() { return argc; }

    public int length(int i) { return lengths[i]; }

    public byte byteAt(int i, int pos) { return source.getByte(offsets[i] + pos); }

    /** A copy of argument {@code i}. */
    public byte[] bytes(int i) {
        byte[] out = new byte[lengths[i]];
        source.getBytes(offsets[i], out);
        return out;
    }

    /**
     * The bytes from argument {@code from}'s first byte to the last argument's last byte, copied
     * at once into {@code scratch} (a new array when it is too small), so that a command with
     * many arguments reads them as one array: argument {@code i} starts at
     * {@link #spanOffset spanOffset(from, i)}. (An adopted argument is copied from its parts.)
     */
    public byte[] span(int from, byte[] scratch) {
        int end = offsets[argc - 1] + lengths[argc - 1];
        int n = end - offsets[from];
        byte[] out = scratch != null && scratch.length >= n ? scratch : new byte[n];
        if (adoptedIndex < from) {
            source.getBytes(offsets[from], out, 0, n);
            return out;
        }
        for (int i = from; i < argc; i++) {
            int at = spanOffset(from, i);
            if (i != adoptedIndex) {
                source.getBytes(offsets[i], out, at, lengths[i]);
                continue;
            }
            for (byte[] part : adopted) {
                System.arraycopy(part, 0, out, at, part.length);
                at += part.length;
            }
        }
        return out;
    }

    /** Where argument {@code i} starts in {@link #span span(from, ...)}. */
    public int spanOffset(int from, int i) {
        return offsets[i] - offsets[from];
    }

    /**
     * Argument {@code i} copied to the start of an array this request reuses (valid until the
     * next call), or of a new one when it is longer than 64 bytes; its
     * length is {@link #length}. For parsers that read a short argument byte by byte.
     */
    public byte[] scratchCopy(int i) {
        byte[] out = lengths[i] <= SCRATCH_BYTES ? scratch : new byte[lengths[i]];
        source.getBytes(offsets[i], out, 0, lengths[i]);
        return out;
    }

    public String string(int i) {
        return source.toString(offsets[i], lengths[i], StandardCharsets.UTF_8);
    }

    /** A read-only view of argument {@code i}, valid until the handler returns. */
    public ByteBuf slice(int i) { return source.slice(offsets[i], lengths[i]); }

    /** Case-insensitive comparison with an ASCII upper-case token. */
    public boolean equalsIgnoreCase(int i, String upperAsciiToken) {
        int len = lengths[i];
        if (len != upperAsciiToken.length()) return false;
        int off = offsets[i];
        for (int k = 0; k < len; k++) {
            int b = source.getByte(off + k);
            if (b >= 'a' && b <= 'z') b -= 32;
            if (b != upperAsciiToken.charAt(k)) return false;
        }
        return true;
    }

    public boolean equalsBytes(int i, byte[] other) {
        int len = lengths[i];
        if (len != other.length) return false;
        int off = offsets[i];
        for (int k = 0; k < len; k++) if (source.getByte(off + k) != other[k]) return false;
        return true;
    }

    /**
     * Parses argument {@code i} as a strict signed 64-bit decimal (Redis's string2ll: no spaces,
     * no '+', no leading zeros). Returns {@code onError} sentinel handling to the caller through
     * {@link #isLong(int)}; use that first when the value may be malformed.
     */
    public long longValue(int i) {
        long v = NumberParser.parseLong(source, offsets[i], lengths[i]);
        if (v == NumberParser.INVALID && !NumberParser.isInvalidSentinelLiteral(source, offsets[i], lengths[i])) {
            throw new NumberFormatException();
        }
        return v;
    }

    /**
     * Argument {@code i} as a strict signed 64-bit decimal, or {@link Long#MIN_VALUE} when it is
     * not one (or is that very number): one parse where {@link #isLong} + {@link #longValue} take two.
     */
    public long longOrMin(int i) {
        return NumberParser.parseLong(source, offsets[i], lengths[i]);
    }

    /** True when argument {@code i} is a strict signed 64-bit decimal. */
    public boolean isLong(int i) {
        long v = NumberParser.parseLong(source, offsets[i], lengths[i]);
        return v != NumberParser.INVALID || NumberParser.isInvalidSentinelLiteral(source, offsets[i], lengths[i]);
    }

    /** Hash of the argument with ASCII letters folded to lower case (for command lookup). */
    public int lowerCaseHash(int i) {
        int h = 0;
        int off = offsets[i];
        for (int k = 0, len = lengths[i]; k < len; k++) {
            int b = source.getByte(off + k);
            if (b >= 'A' && b <= 'Z') b += 32;
            h = 31 * h + (b & 0xff);
        }
        return h;
    }

    /** Case-insensitive comparison with a lower-case ASCII name. */
    public boolean equalsLowerCase(int i, byte[] lowerName) {
        int len = lengths[i];
        if (len != lowerName.length) return false;
        int off = offsets[i];
        for (int k = 0; k < len; k++) {
            int b = source.getByte(off + k);
            if (b >= 'A' && b <= 'Z') b += 32;
            if (b != lowerName[k]) return false;
        }
        return true;
    }

    /** A copy of the first {@code n} arguments (all when fewer), for SLOWLOG. */
    public byte[][] copyFirst(int n) {
        byte[][] out = new byte[Math.min(n, argc)][];
        for (int i = 0; i < out.length; i++) out[i] = bytes(i);
        return out;
    }

    /** A copy of the first {@code n} arguments, each cut to its first {@code maxBytes} bytes (a huge value is not copied whole). */
    public byte[][] copyFirst(int n, int maxBytes) {
        byte[][] out = new byte[Math.min(n, argc)][];
        for (int i = 0; i < out.length; i++) {
            if (lengths[i] <= maxBytes) {
                out[i] = bytes(i);
            } else {
                out[i] = new byte[maxBytes];
                source.getBytes(offsets[i], out[i]);
            }
        }
        return out;
    }

    /** A copy of all arguments, for MULTI queueing. */
    public byte[][] copyAll() {
        byte[][] all = new byte[argc][];
        for (int i = 0; i < argc; i++) all[i] = bytes(i);
        return all;
    }
}
