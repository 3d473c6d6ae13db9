package io.stocktsdb.server.command.server;

import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Figures the JVM does not expose, read from Linux's /proc (zero elsewhere). */
final class ProcessMemory {
    private static final long PAGE_SIZE = 4096;
    private static final double CLOCK_TICKS = 100.0;

    record CpuTimes(double userSeconds, double systemSeconds) {}

    private ProcessMemory() {}

    static long residentBytes() {
        try {
            String[] f = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return Long.parseLong(f[1]) * PAGE_SIZE;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Direct buffers: those made by ByteBuffer.allocateDirect (JMX "direct" pool) plus those
     * Netty allocates without a cleaner, which only Netty counts (-1 when it does not).
     */
    static long directBytes() {
        long jmx = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) jmx = pool.getMemoryUsed();
        }
        return jmx + Math.max(0, PlatformDependent.usedDirectMemory());
    }

    static CpuTimes cpuTimes() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after the parenthesised command name; utime and stime are fields 14 and 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new CpuTimes(Long.parseLong(f[11]) / CLOCK_TICKS, Long.parseLong(f[12]) / CLOCK_TICKS);
        } catch (IOException | RuntimeException e) {
            return new CpuTimes(0, 0);
        }
    }
}
