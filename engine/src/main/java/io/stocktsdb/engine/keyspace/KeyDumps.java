package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.engine.series.SeriesInternals;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.rules.CompactionRule;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesImage;
import io.stocktsdb.engine.storage.DumpCodec;
import io.stocktsdb.engine.storage.rts.RedisDumpCodec;

import java.util.function.LongSupplier;

/**
 * DUMP, RESTORE and COPY of any key: strings and time series, in StockTSDB's own checksummed format
 * ({@link DumpCodec}). A series round-trips with its samples (and qualities), labels, options,
 * value type, rule state and compaction links (restored when consistent, see
 * {@link Keyspace#restoreSeries}).
 */
public final class KeyDumps {
    /** What RESTORE did; the command turns the failures into Redis's replies. */
    public enum RestoreOutcome {
        OK,
        /** The key exists and REPLACE was not given. */
        BUSY_KEY,
        /** Version or checksum wrong. */
        BAD_PAYLOAD,
        /** Intact payload whose content cannot be loaded. */
        BAD_DATA
    }

    private final Keyspace keyspace;
    private final LongSupplier clock;

    public KeyDumps(Keyspace keyspace, LongSupplier clockMs) {
        this.keyspace = keyspace;
        this.clock = clockMs;
    }

    /** DUMP: the serialized value, or null when the key does not exist. */
    public byte[] dump(Key key) {
        try {
            byte[] value = keyspace.getString(key);
            return value == null ? null : DumpCodec.encodeString(value);
        } catch (WrongTypeException series) {
            Series s = keyspace.getSeries(key);
            return s == null ? null : DumpCodec.encodeSeries(SeriesInternals.image(s, sourceRule(key, s)));
        }
    }

    /** The rule that feeds {@code key}, as its source has it (state left out), or null. */
    private RuleSpec sourceRule(Key key, Series s) {
        Key sk = s.options().sourceKey();
        if (sk == null) return null;
        try {
            Series src = keyspace.getSeries(sk);
            if (src == null) return null;
            for (RuleSpec r : src.options().rules()) {
                if (r.destKey().equals(key)) return new RuleSpec(key, r.aggregatorCode(), r.bucketDuration(), r.alignTimestamp(), null);
            }
        } catch (WrongTypeException e) {
            return null;
        }
        return null;
    }

    /**
     * COPY: false when {@code src} does not exist, or {@code dst} exists and {@code replace} is
     * false. The copy keeps the deadline. A series copy has the samples, labels and options but,
     * as in RedisTimeSeries, neither rules nor a source: it is a plain series.
     */
    public boolean copy(Key src, Key dst, boolean replace) {
        long deadline = keyspace.expireAtMs(src);
        try {
            byte[] value = keyspace.getString(src);
            return value != null && keyspace.restoreString(dst, value, deadline, replace);
        } catch (WrongTypeException series) {
            Series s = keyspace.getSeries(src);
            if (s == null) return false;
            SeriesImage image = SeriesInternals.image(s, null);
            SeriesImage plain = new SeriesImage(image.options().withRules(java.util.List.of()).withSourceKey(null), null, image.chunks());
            return keyspace.restoreSeries(dst, plain, replace, deadline);
        }
    }

    /** Whether RESTORE without REPLACE would be refused (Redis checks this before the payload). */
    public boolean busy(Key key) {
        return keyspace.exists(key);
    }

    /**
     * RESTORE of our own payload or of one Redis's DUMP made (a string, or a RedisTimeSeries
     * series: {@link RedisDumpCodec}): {@code expireAtMs} is absolute, -1 for none. A payload already past its expiry
     * only deletes the old key (with {@code replace}), as Redis does.
     */
    public RestoreOutcome restore(Key key, byte[] payload, long expireAtMs, boolean replace) {
        Object content;
        try {
            content = RedisDumpCodec.isRedisFramed(payload) ? RedisDumpCodec.decode(payload) : DumpCodec.decode(payload);
        } catch (DumpCodec.BadPayloadException e) {
            return RestoreOutcome.BAD_PAYLOAD;
        } catch (DumpCodec.BadDataException e) {
            return RestoreOutcome.BAD_DATA;
        }
        if (content instanceof byte[] value) {
            return keyspace.restoreString(key, value, expireAtMs, replace) ? RestoreOutcome.OK : RestoreOutcome.BUSY_KEY;
        }
        SeriesImage image = (SeriesImage) content;
        if (expireAtMs >= 0 && expireAtMs <= clock.getAsLong()) {
            if (!replace && keyspace.exists(key)) return RestoreOutcome.BUSY_KEY;
            if (replace) keyspace.delete(key);
            return RestoreOutcome.OK;
        }
        try {
            RuleSpec def = image.sourceRule();
            if (def != null) new CompactionRule("", Aggregator.ofCode(def.aggregatorCode()), def.bucketDuration(), def.alignTimestamp());
            return keyspace.restoreSeries(key, image, replace, expireAtMs) ? RestoreOutcome.OK : RestoreOutcome.BUSY_KEY;
        } catch (IllegalArgumentException e) {
            return RestoreOutcome.BAD_DATA;
        }
    }
}
