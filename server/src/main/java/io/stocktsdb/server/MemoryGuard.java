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

    private final ServerContext server;
    private volatile long usedBytes;
    private volatile boolean overLimit;

    MemoryGuard(ServerContext server) { this.server = server; }

    /** Takes a new sample (also right after CONFIG SET maxmemory); Runtime's counters allocate nothing. */
    public void sample() {
        Runtime rt = Runtime.getRuntime();
        long direct = PlatformDependent.usedDirectMemory();
        long used = rt.totalMemory() - rt.freeMemory() + Math.max(direct, 0);
        long max = server.settings().getLong(ConfigFields.MAXMEMORY);
        usedBytes = used;
        overLimit = max > 0 && used > max;
    }

    /** The last sampled used memory in bytes. */
    public long usedBytes() { return usedBytes; }

    /** True while maxmemory is set and the last sample is above it (one volatile read per command). */
    public boolean overLimit() { return overLimit; }
}
