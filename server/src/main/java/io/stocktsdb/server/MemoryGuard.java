package io.stocktsdb.server;

import io.netty.util.internal.PlatformDependent;
import io.stocktsdb.server.config.ConfigFields;

/**
 * maxmemory: the used memory (JVM heap in use plus Netty's direct memory) is sampled by the
 * chores thread every 100 ms, so that the dispatcher's check is one volatile read. While it is
 * above {@code maxmemory}, commands flagged DENYOOM are refused with Redis's OOM error instead of
 * letting the JVM run out of heap.
 */
public final class MemoryGuard {
    public static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";

    private final ServerContext server;
    private volatile long usedBytes;

    MemoryGuard(ServerContext server) { this.server = server; }

    /** Takes a new sample; Runtime's counters allocate nothing. */
    public void sample() {
        Runtime rt = Runtime.getRuntime();
        long direct = PlatformDependent.usedDirectMemory();
        usedBytes = rt.totalMemory() - rt.freeMemory() + Math.max(direct, 0);
    }

    /** The last sampled used memory in bytes. */
    public long usedBytes() { return usedBytes; }

    /** True while maxmemory is set and the last sample is above it. */
    public boolean overLimit() {
        long max = server.settings().getLong(ConfigFields.MAXMEMORY);
        return max > 0 && usedBytes > max;
    }
}
