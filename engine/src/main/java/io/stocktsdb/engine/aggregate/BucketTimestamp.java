package io.stocktsdb.engine.aggregate;

/** Which instant of a bucket is reported (BUCKETTIMESTAMP). Codes are persisted. */
public enum BucketTimestamp {
    START(0),
    END(1),
    MID(2);

    private final int code;

    BucketTimestamp(int code) { this.code = code; }

    public int code() { return code; }

    public static BucketTimestamp ofCode(int code) {
        for (BucketTimestamp b : values()) if (b.code == code) return b;
        throw new IllegalArgumentException("unknown bucket timestamp code " + code);
    }

    /** {@code -}/{@code start}, {@code +}/{@code end}, {@code ~}/{@code mid}, case-insensitive; null otherwise. */
    public static BucketTimestamp parse(String s) {
        if (s == null) return null;
        if (s.equals("-") || s.equalsIgnoreCase("start")) return START;
        if (s.equals("+") || s.equalsIgnoreCase("end")) return END;
        if (s.equals("~") || s.equalsIgnoreCase("mid")) return MID;
        return null;
    }

    /** The reported timestamp of the bucket starting at {@code start}. */
    public long of(long start, long bucketDuration) {
        return switch (this) {
            case START -> start;
            case END -> start + bucketDuration;
            case MID -> start + bucketDuration / 2;
        };
    }
}
