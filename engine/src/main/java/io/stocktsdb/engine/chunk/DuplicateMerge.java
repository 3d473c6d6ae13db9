package io.stocktsdb.engine.chunk;


/**
 * What a duplicate policy makes of an existing numeric sample and a new one at the same
 * timestamp. MIN and MAX compare with {@code <} / {@code >} (a tie or a NaN keeps the old sample);
 * SUM adds doubles, and adds INT values exactly, throwing {@link ArithmeticException} on int64
 * overflow. The quality follows the value that is kept; a SUM keeps the lower of the two.
 */
final class DuplicateMerge {
    private DuplicateMerge() {}

    /** True when the new sample's value and quality win as they are (LAST, or MIN/MAX won by the new one). */
    static boolean newWins(ValueType type, DuplicatePolicy policy, long oldBits, long newBits) {
        switch (policy) {
            case LAST: return true;
            case MIN: return type == ValueType.INT ? newBits < oldBits
                    : Double.longBitsToDouble(newBits) < Double.longBitsToDouble(oldBits);
            case MAX: return type == ValueType.INT ? newBits > oldBits
                    : Double.longBitsToDouble(newBits) > Double.longBitsToDouble(oldBits);
            default: return false;
        }
    }

    static long sum(ValueType type, long oldBits, long newBits) {
        if (type == ValueType.INT) return Math.addExact(oldBits, newBits);
        return Double.doubleToRawLongBits(Double.longBitsToDouble(oldBits) + Double.longBitsToDouble(newBits));
    }
}
