package io.stocktsdb.server.migrate;

/**
 * What {@code stocktsdb migrate} copies and how.
 *
 * @param source      the Redis + RedisTimeSeries server read from
 * @param target      the StockTSDB server written to
 * @param match       SCAN MATCH pattern of the keys to copy
 * @param mode        how series samples travel
 * @param replace     overwrite keys that already exist on the target (else they are reported and skipped)
 * @param verify      compare sample counts and first/last samples of every series afterwards
 * @param rangeBatch  samples per TS.RANGE page and TS.MADD call on the fallback path
 */
public record MigrateOptions(Endpoint source, Endpoint target, String match, Mode mode, boolean replace, boolean verify,
                             int rangeBatch) {
    /** A server address and its credentials (user null = the default user, password null = none). */
    public record Endpoint(String host, int port, String user, String password) {}

    /** How series samples are copied. */
    public enum Mode {
        /** DUMP on the source, RESTORE on the target; a key the target cannot RESTORE falls back to RANGE. */
        AUTO,
        /** DUMP/RESTORE only: a key that does not RESTORE is reported as failed. */
        DUMP,
        /** TS.INFO + TS.CREATE, then TS.RANGE pages into TS.MADD (strings: DUMP/RESTORE). */
        RANGE
    }
}
