package io.stocktsdb.server.command.seed;

import static io.stocktsdb.server.command.CommandFlag.DENYOOM;
import static io.stocktsdb.server.command.CommandFlag.FAST;
import static io.stocktsdb.server.command.CommandFlag.WRITE;

import io.stocktsdb.engine.batch.StagedPoint;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.TimestampUnits;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.net.Client;
import java.util.concurrent.TimeUnit;

/**
 * BATCH_SET and BATCH_FLUSH: per-connection batches. A point is validated and made durable
 * (staged) when BATCH_SET is acknowledged, and becomes visible when the batch flushes: on
 * BATCH_FLUSH, at {@code batch_size} points, after {@code batch_flush_interval_ms} without a
 * new point, when the connection closes and at shutdown. A server that dies with a batch
 * pending flushes it when it starts again. In cluster mode every point is written when its
 * BATCH_SET runs (routed by its key, replicated like TS.ADD) and BATCH_FLUSH has nothing left to
 * write: a cluster client talks to each shard on a connection of its own, so a batch could not
 * span them, and a replicated shard must not depend on a connection's timer.
 */
public final class BatchCommands {
    private final ServerContext server;

    public BatchCommands(ServerContext server) {
        this.server = server;
        server.onConnectionClosed(this::flushOnClose);
    }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("batch_set", -3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1)
                .categories(AclCategory.TIMESERIES).docs("stocktsdb", "0.1.0", "Adds a point to this connection's batch.")
                .handler(this::set).build());
        r.register(CommandSpec.builder("batch_flush", 1).flags(WRITE, FAST)
                .categories(AclCategory.TIMESERIES).docs("stocktsdb", "0.1.0", "Writes this connection's batch.")
                .handler(this::flushCommand).build());
    }

    private Series seriesOrNull(Key key) {
        try {
            return server.engine().keyspace().getSeries(key);
        } catch (io.stocktsdb.engine.error.WrongTypeException e) {
            return null; // the flush reports the wrong type
        }
    }

    /** BATCH_SET key value [ts]: ts defaults to now in the business's timestamp_unit, else Unix seconds. */
    private void set(Client c, RespRequest a) {
        if (a.argc() > 4) throw new CommandException(io.stocktsdb.server.command.Errors.SYNTAX);
        Key key = Key.wrap(a.bytes(1));
        TimestampUnits units = server.timestampUnits();
        long ts;
        if (a.argc() == 4) {
            ts = SeedValues.timestamp(a, 3);
            units.checkExplicit(key, ts);
        } else {
            TimestampUnits.Unit unit = units.fillIn(key, TimestampUnits.Unit.SECONDS);
            units.checkFillIn(key, seriesOrNull(key), unit);
            ts = unit.now();
        }
        // from the settings, not server.cluster(): a replicated shard replays its log before cluster mode is published
        boolean writeThrough = !server.settings().getString(ConfigFields.CLUSTER_TOPOLOGY).isEmpty();
        ConnectionBatch batch = writeThrough ? null : batchOf(c);
        ValueType type = typeFor(batch, key, a);
        long bits = 0;
        byte[] blob = null;
        if (type.isNumeric()) {
            bits = SeedValues.numericBits(type, a, 2);
        } else {
            blob = a.bytes(2);
            if (type == ValueType.HASH) SeedValues.checkJsonObject(blob);
        }
        if (writeThrough) {
            // cluster mode: a cluster client sends each point to its key's shard on a connection of
            // its own, so no batch spans them; the point is written (and replicated) at once
            StagedPoint point = new StagedPoint(key, type, ts, bits, blob, SeedValues.DEFAULT_QUALITY);
            Runnable events = SeedEvents.beforePoint(server, key);
            server.engine().batches().flush(server.engine().batches().newBatchId(), java.util.List.of(point));
            if (events != null) events.run();
            c.out().ok();
            return;
        }
        if (batch.batchId == 0) batch.batchId = server.engine().batches().newBatchId();
        batch.points.add(new StagedPoint(key, type, ts, bits, blob, SeedValues.DEFAULT_QUALITY));
        if (batch.points.size() == batch.stagedCount + 1) c.beforeCommit(() -> stageNewPoints(batch));
        batch.pendingTypes.putIfAbsent(key, type);
        batch.lastAddMillis = System.currentTimeMillis();
        if (batch.points.size() >= server.settings().getInt(ConfigFields.BATCH_SIZE)) {
            flush(batch);
        } else {
            armTimer(c, batch);
        }
        c.out().ok();
    }

    /** Stages the points this read batch added, as one record, before the batch's replies are committed. */
    private long stageNewPoints(ConnectionBatch batch) {
        if (batch.points.size() == batch.stagedCount) return 0; // flushed meanwhile
        long seq = server.engine().batches().stage(batch.batchId, batch.stagedCount,
                batch.points.subList(batch.stagedCount, batch.points.size()));
        batch.stagedCount = batch.points.size();
        return seq;
    }

    /** The series' type; for a new key the type an earlier point gave it, else double for numbers, string otherwise. */
    private ValueType typeFor(ConnectionBatch batch, Key key, RespRequest a) {
        Series s = server.engine().keyspace().getSeries(key);
        if (s != null) return s.valueType();
        ValueType pending = batch == null ? null : batch.pendingTypes.get(key);
        if (pending != null) return pending;
        return SeedValues.isNumber(a, 2) ? ValueType.DOUBLE : ValueType.STRING;
    }

    private void flushCommand(Client c, RespRequest a) {
        ConnectionBatch batch = (ConnectionBatch) c.seedBatch();
        if (batch != null) flush(batch);
        c.out().ok();
    }

    private ConnectionBatch batchOf(Client c) {
        ConnectionBatch b = (ConnectionBatch) c.seedBatch();
        if (b == null) {
            b = new ConnectionBatch();
            c.seedBatch(b);
        }
        return b;
    }

    /** Applies the batch's points and drops them from staging; durable with the caller's commit. */
    private long flush(ConnectionBatch batch) {
        if (batch.isEmpty()) return 0;
        Runnable events = SeedEvents.beforeFlush(server, batch.points);
        long seq = server.engine().batches().flush(batch.batchId, batch.points);
        batch.clear();
        if (events != null) events.run();
        return seq;
    }

    private void armTimer(Client c, ConnectionBatch batch) {
        if (batch.timer != null) return;
        long interval = server.settings().getLong(ConfigFields.BATCH_FLUSH_INTERVAL_MS);
        batch.timer = c.channel().eventLoop().schedule(() -> onTimer(c, batch), interval, TimeUnit.MILLISECONDS);
    }

    /** Runs on the connection's event loop: flushes once the batch has been idle for the interval. */
    private void onTimer(Client c, ConnectionBatch batch) {
        batch.timer = null;
        if (batch.isEmpty()) return;
        long interval = server.settings().getLong(ConfigFields.BATCH_FLUSH_INTERVAL_MS);
        long idle = System.currentTimeMillis() - batch.lastAddMillis;
        if (idle >= interval) {
            long seq = flush(batch);
            server.awaitDurable(seq);
        } else {
            batch.timer = c.channel().eventLoop().schedule(() -> onTimer(c, batch), interval - idle, TimeUnit.MILLISECONDS);
        }
    }

    private void flushOnClose(Client c) {
        ConnectionBatch batch = (ConnectionBatch) c.seedBatch();
        if (batch == null) return;
        if (batch.timer != null) batch.timer.cancel(false);
        long seq = flush(batch);
        if (seq > 0) server.awaitDurable(seq);
    }
}
