package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.config.KeyspaceEventFlags;
import java.util.List;

/**
 * The keyspace events RedisTimeSeries sends: class 'd' (module) for ts.create, ts.alter, ts.add,
 * ts.del, ts.createrule:src/dest, ts.deleterule:src/dest and ts.add:dest (a compaction bucket
 * closed into its destination); ts.incrby / ts.decrby are of class 'g' (generic), as RTS sends them.
 * The seed's write commands (TSDB_SET, HASH_SET, BATCH_SET's flush) send what TS.ADD / TS.MADD
 * send for the same writes.
 */
public final class TsEvents {
    private final ServerContext server;

    public TsEvents(ServerContext server) { this.server = server; }

    public void module(String event, byte[] key) {
        server.events().notify(KeyspaceEventFlags.MODULE, event, key);
    }

    /** A module event for the key in argument {@code i}, copied only when the event class is on. */
    void module(String event, RespRequest a, int i) {
        if (server.events().enabled(KeyspaceEventFlags.MODULE)) module(event, a.bytes(i));
    }

    void generic(String event, byte[] key) {
        server.events().notify(KeyspaceEventFlags.GENERIC, event, key);
    }

    /** Whether {@link #destinationMarks} would read other series (and so take their locks) for {@code s}. */
    boolean marksDestinations(Series s) {
        return server.events().enabled(KeyspaceEventFlags.MODULE) && !s.options().rules().isEmpty();
    }

    /**
     * Before a sample write to {@code s}: its destinations' last timestamps, or null when nobody
     * would hear a ts.add:dest (the common case costs one check).
     */
    public long[] destinationMarks(Series s) {
        if (s == null || !server.events().enabled(KeyspaceEventFlags.MODULE)) return null;
        List<RuleSpec> rules = s.options().rules();
        if (rules.isEmpty()) return null;
        long[] marks = new long[rules.size()];
        for (int i = 0; i < marks.length; i++) marks[i] = lastTimestamp(rules.get(i).destKey());
        return marks;
    }

    /** After the write: ts.add:dest for each destination that received a closed bucket. */
    public void closedBuckets(Series s, long[] marks) {
        if (marks == null) return;
        List<RuleSpec> rules = s.options().rules();
        for (int i = 0; i < marks.length && i < rules.size(); i++) {
            Key dest = rules.get(i).destKey();
            if (lastTimestamp(dest) != marks[i]) module("ts.add:dest", dest.bytes());
        }
    }

    private long lastTimestamp(Key key) {
        try {
            Series d = server.engine().keyspace().getSeries(key);
            return d == null || d.last() == null ? Long.MIN_VALUE : d.lastTimestamp();
        } catch (WrongTypeException e) {
            return Long.MIN_VALUE;
        }
    }
}
