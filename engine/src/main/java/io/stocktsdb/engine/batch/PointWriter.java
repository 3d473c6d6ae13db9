package io.stocktsdb.engine.batch;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.engine.series.AddResult;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.chunk.ValueType;
import java.util.function.BiFunction;

/**
 * Writes one point the way the seed commands (TSDB_SET, HASH_SET, BATCH_FLUSH) define it: the
 * series is created with its business's defaults and the given value type when absent, a point
 * at an existing timestamp replaces it (LAST), and a series of another value type is refused.
 */
public final class PointWriter {
    private final Keyspace keyspace;
    private final BiFunction<Key, ValueType, SeriesOptions> defaults;

    public PointWriter(Keyspace keyspace, BiFunction<Key, ValueType, SeriesOptions> defaults) {
        this.keyspace = keyspace;
        this.defaults = defaults;
    }

    /**
     * Stores the point; {@link AddResult#TOO_OLD} when retention refuses it. Throws
     * {@link WrongTypeException} when the key holds a string or a series of another value type.
     */
    public AddResult write(Key key, ValueType type, long ts, long valueBits, byte[] blob, int quality) {
        while (true) {
            Series s = keyspace.getOrCreateSeries(key, defaults.apply(key, type));
            if (s.valueType() != type) throw WrongTypeException.INSTANCE;
            AddResult r = s.add(ts, valueBits, blob, quality, DuplicatePolicy.LAST);
            if (r != AddResult.REMOVED) return r;
        }
    }
}
