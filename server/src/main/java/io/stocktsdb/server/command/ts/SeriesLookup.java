package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.engine.chunk.Sample;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.Errors;

/** Opening series the way RedisTimeSeries' {@code GetSeries} does, and numeric access to them. */
final class SeriesLookup {
    private SeriesLookup() {}

    static Key key(RespRequest a, int i) {
        return Key.wrap(a.bytes(i));
    }

    /** An existing series: {@code ERR TSDB: the key does not exist} or {@code ERR WRONGTYPE ...} otherwise. */
    static Series existing(Keyspace keyspace, Key key) {
        Series s = getOrNull(keyspace, key);
        if (s == null) throw new CommandException(Errors.KEY_DOES_NOT_EXIST);
        return s;
    }

    /** The series, null when absent, {@code ERR WRONGTYPE ...} on a string key. */
    static Series getOrNull(Keyspace keyspace, Key key) {
        try {
            return keyspace.getSeries(key);
        } catch (WrongTypeException e) {
            throw new CommandException(Errors.TS_WRONGTYPE);
        }
    }

    /** Series written by TSDB_SET/HASH_SET as {@code string} or {@code hash} hold no numbers. */
    static void requireNumeric(Series s) {
        requireNumeric(s.valueType());
    }

    static void requireNumeric(ValueType t) {
        if (t == ValueType.STRING) throw new CommandException(Errors.STRING_SERIES);
        if (t == ValueType.HASH) throw new CommandException(Errors.HASH_SERIES);
    }

    /** The stored form of {@code v}: double bits, or the integer of an {@code int} series. */
    static long valueBits(Series s, double v) {
        if (s.valueType() == ValueType.INT) {
            if (v != Math.rint(v) || v < -0x1p63 || v >= 0x1p63) throw new CommandException(Errors.INT_SERIES_VALUE);
            return (long) v;
        }
        return Double.doubleToRawLongBits(v);
    }

    static double value(Series s, Sample sample) {
        return s.valueType() == ValueType.INT ? (double) sample.valueBits() : Double.longBitsToDouble(sample.valueBits());
    }
}
