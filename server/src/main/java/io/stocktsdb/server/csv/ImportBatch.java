package io.stocktsdb.server.csv;

import io.stocktsdb.server.client.CommandWriter;
import io.stocktsdb.server.client.ReplyReader;
import io.stocktsdb.server.client.RespConnection;
import io.stocktsdb.server.client.RespError;
import java.io.IOException;
import java.util.Arrays;

/**
 * One pipelined round of writes for one connection: single-reply commands (TS.CREATE,
 * HASH_SET, TSDB_SET) in row order, then one TS.MADD carrying every numeric sample of the
 * batch. Remembers which CSV line each reply belongs to, so server errors reject that line.
 */
final class ImportBatch {
    static final byte CREATE = 1;
    static final byte WRITE = 2;

    private final CommandWriter commands = new CommandWriter(64 * 1024);
    private final CommandWriter maddBody = new CommandWriter(256 * 1024);
    private long[] singleLines = new long[256];
    private byte[] singleKinds = new byte[256];
    private String[] createdKeys = new String[16];
    private int singles;
    private int creates;
    private long[] sampleLines = new long[1024];
    private int samples;
    int rows;

    CommandWriter commands() { return commands; }

    /** Records that the last command written to {@link #commands()} was a TS.CREATE for {@code line}'s row. */
    void addedCreate(long line, String key) {
        if (creates == createdKeys.length) createdKeys = Arrays.copyOf(createdKeys, creates * 2);
        createdKeys[creates++] = key;
        addSingle(line, CREATE);
    }

    /** Records that the last command written to {@link #commands()} writes one sample of {@code line}. */
    void addedWrite(long line) {
        addSingle(line, WRITE);
    }

    private void addSingle(long line, byte kind) {
        if (singles == singleLines.length) {
            singleLines = Arrays.copyOf(singleLines, singles * 2);
            singleKinds = Arrays.copyOf(singleKinds, singles * 2);
        }
        singleLines[singles] = line;
        singleKinds[singles++] = kind;
    }

    /** Appends one numeric sample to the batch's TS.MADD. */
    void addSample(long line, byte[] key, long ts, String value) {
        maddBody.arg(key).arg(ts).arg(value);
        if (samples == sampleLines.length) sampleLines = Arrays.copyOf(sampleLines, samples * 2);
        sampleLines[samples++] = line;
    }

    boolean isEmpty() { return singles == 0 && samples == 0; }

    int samples() { return samples; }

    void writeTo(RespConnection c) throws IOException {
        c.send(commands);
        if (samples > 0) {
            CommandWriter head = new CommandWriter(32);
            head.begin(1 + 3 * samples).arg("TS.MADD");
            c.send(head);
            c.send(maddBody);
        }
    }

    /** Reads this batch's replies in order and records successes and rejections. */
    void readReplies(ReplyReader in, ImportSummary summary) throws IOException {
        int createIdx = 0;
        for (int i = 0; i < singles; i++) {
            Object r = in.read();
            if (singleKinds[i] == CREATE) {
                String key = createdKeys[createIdx++];
                if (r instanceof RespError e && !e.message().contains("already exists")) {
                    summary.reject(singleLines[i], "creating series " + key + ": " + e.message());
                }
            } else if (r instanceof RespError e) {
                summary.reject(singleLines[i], e.message());
            } else {
                summary.written(1);
            }
        }
        if (samples == 0) return;
        long n = in.readArrayStart();
        if (n < 0) {
            for (int i = 0; i < samples; i++) summary.reject(sampleLines[i], in.lastError());
            return;
        }
        if (n != samples) throw new IOException("TS.MADD answered " + n + " replies for " + samples + " samples");
        long ok = 0;
        for (int i = 0; i < samples; i++) {
            String error = in.readIntegerOrError();
            if (error != null) summary.reject(sampleLines[i], error);
            else ok++;
        }
        summary.written(ok);
    }
}
