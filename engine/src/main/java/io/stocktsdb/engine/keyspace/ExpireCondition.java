package io.stocktsdb.engine.keyspace;

/** The NX | XX | GT | LT option of the EXPIRE family; a key without deadline counts as never expiring. */
public enum ExpireCondition {
    ALWAYS, NX, XX, GT, LT,
    /** XX and LT together: a deadline exists and the new one is earlier. */
    XX_LT;

    /** Whether a key whose deadline is {@code current} (-1 = none) may get the deadline {@code next}. */
    boolean allows(long current, long next) {
        return switch (this) {
            case ALWAYS -> true;
            case NX -> current < 0;
            case XX -> current >= 0;
            case GT -> current >= 0 && next > current;
            case LT -> current < 0 || next < current;
            case XX_LT -> current >= 0 && next < current;
        };
    }
}
