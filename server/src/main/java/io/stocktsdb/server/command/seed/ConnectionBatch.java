package io.stocktsdb.server.command.seed;

import io.stocktsdb.engine.batch.StagedPoint;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.chunk.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/** One connection's pending BATCH_SET points; touched only on the connection's event loop. */
final class ConnectionBatch {
    long batchId;
    final List<StagedPoint> points = new ArrayList<>();
    /** Value types decided by earlier points of this batch for keys that have no series yet. */
    final Map<Key, ValueType> pendingTypes = new HashMap<>();
    /** Points before this index are already staged durably; the rest arrived in the current read batch. */
    int stagedCount;
    long lastAddMillis;
    ScheduledFuture<?> timer;

    boolean isEmpty() { return points.isEmpty(); }

    void clear() {
        points.clear();
        pendingTypes.clear();
        stagedCount = 0;
        batchId = 0;
    }
}
