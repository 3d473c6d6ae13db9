package io.stocktsdb.resp;

import io.netty.buffer.ByteBuf;

/**
 * Splits an inline command line into arguments the way Redis's sdssplitargs does: spaces
 * separate, "double quotes" understand \n \r \t \b \a \\ \" and \xHH, 'single quotes' understand
 * \', and a closing quote must be followed by a space or the end of the line.
 */
final class InlineSplitter {
    private InlineSplitter() {}

    /** Writes the unescaped arguments into {@code scratch} and records them; false on unbalanced quotes. */
    static boolean split(ByteBuf line, int from, int to, ByteBuf scratch, RespRequest request) {
        int p = from;
        while (true) {
            while (p < to && isSpace(line.getByte(p))) p++;
            if (p >= to) return true;
            int argStart = scratch.writerIndex();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                if (inDouble) {
                    if (p >= to) return false;
                    byte c = line.getByte(p);
                    if (c == '\\' && p + 3 < to && line.getByte(p + 1) == 'x'
                            && isHex(line.getByte(p + 2)) && isHex(line.getByte(p + 3))) {
                        scratch.writeByte(hex(line.getByte(p + 2)) * 16 + hex(line.getByte(p + 3)));
                        p += 3;
                    } else if (c == '\\' && p + 1 < to) {
                        p++;
                        byte e = line.getByte(p);
                        switch (e) {
                            case 'n': scratch.writeByte('\n'); break;
                            case 'r': scratch.writeByte('\r'); break;
                            case 't': scratch.writeByte('\t'); break;
                            case 'b': scratch.writeByte('\b'); break;
                            case 'a': scratch.writeByte(7); break;
                            default: scratch.writeByte(e); break;
                        }
                    } else if (c == '"') {
                        if (p + 1 < to && !isSpace(line.getByte(p + 1))) return false;
                        done = true;
                    } else {
                        scratch.writeByte(c);
                    }
                } else if (inSingle) {
                    if (p >= to) return false;
                    byte c = line.getByte(p);
                    if (c == '\\' && p + 1 < to && line.getByte(p + 1) == '\'') {
                        p++;
                        scratch.writeByte('\'');
                    } else if (c == '\'') {
                        if (p + 1 < to && !isSpace(line.getByte(p + 1))) return false;
                        done = true;
                    } else {
                        scratch.writeByte(c);
                    }
                } else {
                    if (p >= to) {
                        done = true;
                        continue;
                    }
                    byte c = line.getByte(p);
                    if (isSpace(c)) {
                        done = true;
                    } else if (c == '"') {
                        inDouble = true;
                    } else if (c == '\'') {
                        inSingle = true;
                    } else {
                        scratch.writeByte(c);
                    }
                }
                if (p < to) p++;
            }
            request.addArg(argStart, scratch.writerIndex() - argStart);
        }
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private static boolean isHex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return c - 'A' + 10;
    }
}
