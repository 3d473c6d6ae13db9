package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.series.SeriesOptions;

import java.util.List;

/**
 * A decoded op-log record: one deterministic mutation (every timestamp already resolved), the
 * unit of recovery and, later, of Raft replication. Encoded by {@link OpCodec}.
 */
public sealed interface Op {
    OpCode code();

    /** A sample applied to series {@code key} with the effective duplicate policy. */
    record Add(Key key, long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policy) implements Op {
        public OpCode code() { return OpCode.ADD; }
    }

    /**
     * Samples at one timestamp {@code ts} in several distinct series, given by id: the fields of
     * a K-line bar, logged as one record (one seq shared by every series) instead of one ADD each.
     */
    record BarRow(long ts, long[] seriesIds, long[] valueBits, int quality, DuplicatePolicy policy) implements Op {
        public OpCode code() { return OpCode.BAR_ROW; }
    }

    /**
     * Samples applied to several series (by series id), sample {@code i} at seq {@code firstSeq + i}:
     * each element as an {@link Add} with no blob and this quality.
     */
    record AddRun(long[] seriesIds, long[] ts, long[] valueBits, DuplicatePolicy[] policies, int quality) implements Op {
        public OpCode code() { return OpCode.ADD_RUN; }

        public int count() { return seriesIds.length; }
    }

    record DeleteRange(Key key, long from, long to) implements Op {
        public OpCode code() { return OpCode.DEL_RANGE; }
    }

    /** A new series (key absent before) with its id and business. */
    record CreateSeries(Key key, long seriesId, String business, SeriesOptions options) implements Op {
        public OpCode code() { return OpCode.CREATE_SERIES; }
    }

    /** The series' full new options. */
    record AlterSeries(Key key, SeriesOptions options) implements Op {
        public OpCode code() { return OpCode.ALTER_SERIES; }
    }

    /** Deletion of any key (DEL, expiry). */
    record DeleteKey(Key key) implements Op {
        public OpCode code() { return OpCode.DELETE_KEY; }
    }

    /** RENAME src dst (dst overwritten if present). */
    record Rename(Key src, Key dst) implements Op {
        public OpCode code() { return OpCode.RENAME; }
    }

    /** The string's full new value and absolute expiry (-1 = none); replaces any key type. */
    record SetString(Key key, byte[] value, long expireAtMs) implements Op {
        public OpCode code() { return OpCode.SET_STRING; }
    }

    /**
     * A string whose value is stored in parts ({@link BigValueStore}) as {@code valueId},
     * {@code length} bytes long; otherwise as {@link SetString}.
     */
    record SetBigString(Key key, long valueId, long length, long expireAtMs) implements Op {
        public OpCode code() { return OpCode.SET_BIG_STRING; }
    }

    /**
     * RESTORE of a series: a new series (key absent or just deleted) with its id, business,
     * final options (links and rule state included) and samples as encoded chunks.
     */
    record RestoreSeries(Key key, long seriesId, String business, SeriesOptions options, List<byte[]> chunks) implements Op {
        public OpCode code() { return OpCode.RESTORE_SERIES; }
    }

    /** A key's new absolute deadline in ms (-1 = none: PERSIST); the key exists. */
    record SetExpiry(Key key, long expireAtMs) implements Op {
        public OpCode code() { return OpCode.SET_EXPIRY; }
    }

    record FlushAll() implements Op {
        public OpCode code() { return OpCode.FLUSH_ALL; }
    }
}
