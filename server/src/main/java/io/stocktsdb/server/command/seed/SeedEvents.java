package io.stocktsdb.server.command.seed;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.ts.TsEvents;
import io.stocktsdb.server.config.KeyspaceEventFlags;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The keyspace events of the seed's writes: what TS.ADD sends for a TSDB_SET or HASH_SET sample
 * ({@code ts.add}, and {@code ts.add:dest} per destination that got a closed bucket) and what
 * TS.MADD sends for the samples a BATCH_SET batch flushes (the same, per sample, after all of
 * them). A flush outside a command also sends {@code new} for the keys it creates.
 */
final class SeedEvents {
    private SeedEvents() {}

    /** {@link #before} for one sample written by a command (whose 'new' the dispatcher sends); allocates nothing when nobody listens. */
    static Runnable beforePoint(ServerContext server, Key key) {
        return server.events().enabled(KeyspaceEventFlags.MODULE) ? before(server, List.of(key), false) : null;
    }

    /** {@link #before} for the points a batch flush writes; allocates nothing when nobody listens. */
    static Runnable beforeFlush(ServerContext server, List<io.stocktsdb.engine.batch.StagedPoint> points) {
        if (!server.events().enabled(KeyspaceEventFlags.MODULE) && !server.events().isNewKeyWatched()) return null;
        return before(server, points.stream().map(io.stocktsdb.engine.batch.StagedPoint::key).toList(), true);
    }

    /**
     * Called before samples are written to {@code keys} (one entry per sample); returns what to
     * send once they are written, or null when nobody would hear it (the common case costs two checks).
     */
    static Runnable before(ServerContext server, List<Key> keys, boolean announceNewKeys) {
        boolean module = server.events().enabled(KeyspaceEventFlags.MODULE);
        boolean fresh = announceNewKeys && server.events().isNewKeyWatched();
        if (!module && !fresh) return null;
        TsEvents ts = new TsEvents(server);
        Map<Series, long[]> marks = new IdentityHashMap<>();
        List<Key> absent = new ArrayList<>();
        for (Key k : new LinkedHashSet<>(keys)) {
            Series s = seriesOrNull(server, k);
            if (s == null) {
                if (fresh && !server.engine().keyspace().exists(k)) absent.add(k);
            } else if (module) {
                long[] m = ts.destinationMarks(s);
                if (m != null) marks.put(s, m);
            }
        }
        return () -> {
            for (Key k : absent) if (server.engine().keyspace().exists(k)) server.events().created(k.bytes());
            marks.forEach(ts::closedBuckets);
            if (module) for (Key k : keys) ts.module("ts.add", k.bytes());
        };
    }

    private static Series seriesOrNull(ServerContext server, Key key) {
        try {
            return server.engine().keyspace().getSeries(key);
        } catch (WrongTypeException e) {
            return null;
        }
    }
}
