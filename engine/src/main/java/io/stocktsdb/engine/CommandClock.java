package io.stocktsdb.engine;

/**
 * The wall clock commands read ("now" for {@code *} timestamps, expiry, TTLs). Normally the
 * system clock; a replicated entry is applied with the time its leader chose, so every member
 * of a shard computes the same result from the same entry.
 */
public final class CommandClock {
    private static final ThreadLocal<long[]> FIXED = new ThreadLocal<>();

    private CommandClock() {}

    public static long nowMs() {
        long[] fixed = FIXED.get();
        return fixed == null ? System.currentTimeMillis() : fixed[0];
    }

    /** Runs {@code body} on this thread with {@link #nowMs()} returning {@code fixedMs}. */
    public static void runAt(long fixedMs, Runnable body) {
        long[] previous = FIXED.get();
        FIXED.set(new long[] {fixedMs});
        try {
            body.run();
        } finally {
            if (previous == null) FIXED.remove();
            else FIXED.set(previous);
        }
    }
}
