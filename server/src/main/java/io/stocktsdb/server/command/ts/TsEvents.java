package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.server.config.KeyspaceEventFlags;
import java.util.List;

/**
 * The keyspace events RedisTimeSeries sends: class 'd' (module) for ts.create, ts.alter, ts.add,
 * ts.del, ts.createrule:src/dest, ts.deleterule:src/dest and ts.add:dest (a compaction bucket
 * closed into its destination); ts.incrby / ts.decrby are of class 'g' (generic), as RTS sends them.
 */
final class TsEvents {
    private final TsContext ts;

    TsEvents(TsContext ts) { this.ts = ts; }

    void module(String event, byte[] key) {
        ts.server.events().notify(KeyspaceEventFlags.MODULE, event, key);
    }

    void generic(String event, byte[] key) {
        ts.server.events().notify(KeyspaceEventFlags.GENERIC, event, key);
    }

    /**
     * Before a sample write to {@code s}: its destinations' last timestamps, or null when nobody
     * would hear a ts.add:dest (the common case costs one check).
     */
    long[] destinationMarks(Series s) {
        if (s == null || !ts.server.events().enabled(KeyspaceEventFlags.MODULE)) return null;
        List<RuleSpec> rules = s.options().rules();
        if (rules.isEmpty()) return null;
        long[] marks = new long[rules.size()];
        for (int i = 0; i < marks.length; i++) marks[i] = lastTimestamp(rules.get(i).destKey());
        return marks;
    }

    /** After the write: ts.add:dest for each destination that received a closed bucket. */
    void closedBuckets(Series s, long[] marks) {
        if (marks == null) return;
        List<RuleSpec> rules = s.options().rules();
        for (int i = 0; i < marks.length && i < rules.size(); i++) {
            Key dest = rules.get(i).destKey();
            if (lastTimestamp(dest) != marks[i]) module("ts.add:dest", dest.bytes());
        }
    }

    private long lastTimestamp(Key key) {
        try {
            Series d = ts.keyspace().getSeries(key);
            return d == null || d.last() == null ? Long.MIN_VALUE : d.lastTimestamp();
        } catch (WrongTypeException e) {
            return Long.MIN_VALUE;
        }
    }
}
