package io.stocktsdb.server.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Server-wide counters for INFO stats and errorstats. */
public final class ServerStats {
    public final LongAdder connectionsReceived = new LongAdder();
    public final LongAdder connectionsRejected = new LongAdder();
    public final LongAdder commandsProcessed = new LongAdder();
    public final LongAdder netInputBytes = new LongAdder();
    public final LongAdder netOutputBytes = new LongAdder();
    public final LongAdder errorReplies = new LongAdder();
    public final LongAdder unexpectedErrorReplies = new LongAdder();
    public final LongAdder keyspaceHits = new LongAdder();
    public final LongAdder keyspaceMisses = new LongAdder();
    public final LongAdder protocolErrors = new LongAdder();
    public final LongAdder outputBufferLimitDisconnections = new LongAdder();
    public final LongAdder queryBufferLimitDisconnections = new LongAdder();
    private final Map<String, LongAdder> errorsByPrefix = new ConcurrentHashMap<>();
    private final OpsSampler opsSampler = new OpsSampler();

    /** Counts an error reply under its prefix (ERR, WRONGTYPE, NOAUTH...), as INFO errorstats. */
    public void recordError(String wireMessage) {
        errorReplies.increment();
        int space = wireMessage.indexOf(' ');
        String prefix = space > 0 ? wireMessage.substring(0, space) : wireMessage;
        if (prefix.length() > 32) prefix = prefix.substring(0, 32);
        errorsByPrefix.computeIfAbsent(prefix, k -> new LongAdder()).increment();
    }

    public Map<String, Long> errorsByPrefix() {
        Map<String, Long> out = new TreeMap<>();
        errorsByPrefix.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public OpsSampler opsSampler() { return opsSampler; }

    public void reset() {
        connectionsReceived.reset();
        connectionsRejected.reset();
        commandsProcessed.reset();
        netInputBytes.reset();
        netOutputBytes.reset();
        errorReplies.reset();
        unexpectedErrorReplies.reset();
        keyspaceHits.reset();
        keyspaceMisses.reset();
        protocolErrors.reset();
        outputBufferLimitDisconnections.reset();
        queryBufferLimitDisconnections.reset();
        errorsByPrefix.clear();
    }

    /** Instantaneous rates as Redis computes them: samples every 100 ms, average over the last 16. */
    public final class OpsSampler {
        private static final int SAMPLES = 16;
        private final long[] ops = new long[SAMPLES];
        private final long[] in = new long[SAMPLES];
        private final long[] out = new long[SAMPLES];
        private int idx;
        private long lastTime = System.nanoTime();
        private long lastOps;
        private long lastIn;
        private long lastOut;

        /** Called every 100 ms by a scheduled thread. */
        public synchronized void sample() {
            long now = System.nanoTime();
            long elapsed = Math.max(1, now - lastTime);
            long o = commandsProcessed.sum();
            long i = netInputBytes.sum();
            long w = netOutputBytes.sum();
            ops[idx] = (o - lastOps) * 1_000_000_000L / elapsed;
            in[idx] = (i - lastIn) * 1_000_000_000L / elapsed;
            out[idx] = (w - lastOut) * 1_000_000_000L / elapsed;
            idx = (idx + 1) % SAMPLES;
            lastTime = now;
            lastOps = o;
            lastIn = i;
            lastOut = w;
        }

        public synchronized long opsPerSec() { return avg(ops); }

        public synchronized long inputBytesPerSec() { return avg(in); }

        public synchronized long outputBytesPerSec() { return avg(out); }

        private long avg(long[] a) {
            long s = 0;
            for (long x : a) s += x;
            return s / SAMPLES;
        }
    }
}
