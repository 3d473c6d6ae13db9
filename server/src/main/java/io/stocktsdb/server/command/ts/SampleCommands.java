package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.engine.series.AddResult;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.chunk.Sample;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.command.NumberSyntax;
import io.stocktsdb.server.command.TimestampUnits;
import io.stocktsdb.server.net.Client;

/** TS.ADD, TS.MADD, TS.INCRBY, TS.DECRBY: sample writes (docs/timeseries.md, "Behaviour: writes"). */
final class SampleCommands {
    private static final int QUALITY_GOOD = 100;
    /** Marks "use the clock" (valid timestamps are never negative). */
    private static final long NOW = -1;

    private final TsContext ts;
    private final MaddCommand madd;

    SampleCommands(TsContext ts) {
        this.ts = ts;
        this.madd = new MaddCommand(ts);
    }

    void register(CommandRegistry r) {
        r.register(TsSpecs.write("ts.add", -4, "1.0.0", "Append a sample to a time series", this::add).keys(1, 1, 1).build());
        r.register(TsSpecs.write("ts.madd", -4, "1.0.0", "Append new samples to one or more time series", madd::run).keys(1, -1, 3).build());
        r.register(TsSpecs.write("ts.incrby", -3, "1.0.0",
                "Increase the value of the latest sample", (c, a) -> incrBy(c, a, "ts.incrby", 1)).keys(1, 1, 1).build());
        r.register(TsSpecs.write("ts.decrby", -3, "1.0.0",
                "Decrease the value of the latest sample", (c, a) -> incrBy(c, a, "ts.decrby", -1)).keys(1, 1, 1).build());
    }

    /**
     * Checks in RTS order: value, timestamp, then the key. A missing key is created with the
     * creation options; on an existing one only ON_DUPLICATE is read (an override for this call).
     */
    private void add(Client c, RespRequest a) {
        try {
            addSample(c, a);
        } finally {
            ts.events.module("ts.add", a, 1); // as RTS: sent whether the sample was added or refused
        }
    }

    private void addSample(Client c, RespRequest a) {
        double value = NumberSyntax.parseSampleValue(a, 3);
        if (Double.isNaN(value)) throw new CommandException(Errors.INVALID_VALUE);
        boolean now = TsArgs.isStar(a, 2);
        long timestamp = now ? 0 : timestamp(a, 2, 0);
        Key key = SeriesLookup.key(a, 1);
        TimestampUnits.Unit unit = now ? units().fillIn(key, TimestampUnits.Unit.MILLISECONDS) : null;
        if (now) timestamp = unit.now();
        else units().checkExplicit(key, timestamp);
        Keyspace keyspace = ts.keyspace();
        while (true) {
            Series s = tsdbSeriesOrNull(keyspace, key);
            DuplicatePolicy override = null;
            if (s == null) {
                CreateOptions o = CreateOptionsParser.parse(a, "ts.add");
                try {
                    s = keyspace.getOrCreateSeries(key, ts.newSeriesOptions(key, o));
                } catch (WrongTypeException e) {
                    throw new CommandException(Errors.NOT_A_TSDB_KEY);
                }
            } else if (a.argc() > 4) {
                override = CreateOptionsParser.duplicatePolicy(a, "ON_DUPLICATE");
            }
            if (now) units().checkFillIn(key, s, unit);
            long[] marks = ts.events.destinationMarks(s);
            if (reply(c.out(), s, timestamp, value, override)) {
                ts.events.closedBuckets(s, marks);
                return;
            }
        }
    }

    private TimestampUnits units() { return ts.server.timestampUnits(); }

    /**
     * A missing key is created first (so a bad amount leaves an empty series behind, as in RTS);
     * the new value is the last one plus or minus the amount, written with LAST semantics at
     * TIMESTAMP (default: now), which may not be older than the last sample. Read and write are
     * done under the series' monitor, so concurrent INCRBYs on one series never lose an update.
     */
    private void incrBy(Client c, RespRequest a, String name, int sign) {
        Key key = SeriesLookup.key(a, 1);
        Keyspace keyspace = ts.keyspace();
        while (true) {
            Series s = SeriesLookup.getOrNull(keyspace, key);
            if (s == null) {
                CreateOptions o = CreateOptionsParser.parse(a, name);
                try {
                    s = keyspace.getOrCreateSeries(key, ts.newSeriesOptions(key, o));
                } catch (WrongTypeException e) {
                    throw new CommandException(Errors.TS_WRONGTYPE);
                }
            }
            SeriesLookup.requireNumeric(s);
            double amount = TsArgs.redisDouble(a, 2);
            if (Double.isNaN(amount)) throw new CommandException(Errors.INVALID_INCREMENT);
            long explicit = incrByTimestamp(a);
            TimestampUnits.Unit unit = explicit == NOW ? units().fillIn(key, TimestampUnits.Unit.MILLISECONDS) : null;
            if (explicit != NOW) units().checkExplicit(key, explicit);
            synchronized (s) {
                // "now" is read under the series' monitor, where the order of concurrent calls is
                // decided: read before it, a later caller could hold an older clock than the winner
                if (unit != null) units().checkFillIn(key, s, unit);
                long timestamp = unit != null ? unit.now() : explicit;
                Sample last = s.last();
                long lastTs = last == null ? 0 : last.timestamp();
                if (timestamp < lastTs && lastTs != 0) throw new CommandException(Errors.INCRBY_TOO_OLD);
                double current = last == null ? 0 : SeriesLookup.value(s, last);
                long[] marks = ts.events.destinationMarks(s);
                if (reply(c.out(), s, timestamp, current + sign * amount, DuplicatePolicy.LAST)) {
                    ts.events.closedBuckets(s, marks);
                    ts.events.generic(name, a.bytes(1));
                    return;
                }
            }
        }
    }

    /** TIMESTAMP t, or {@link #NOW} for {@code *} or when absent. */
    private static long incrByTimestamp(RespRequest a) {
        int at = TsArgs.indexOf(a, "TIMESTAMP");
        if (at < 0) return NOW;
        if (at + 1 >= a.argc()) throw new CommandException(Errors.INVALID_TIMESTAMP);
        if (TsArgs.isStar(a, at + 1)) return NOW;
        long t = TsArgs.timestampOrInvalid(a, at + 1);
        if (t < 0) throw new CommandException(Errors.INVALID_TIMESTAMP);
        return t;
    }

    /** {@code *} = now; else a strict integer, then non-negative. */
    static long timestamp(RespRequest a, int i, long now) {
        if (TsArgs.isStar(a, i)) return now;
        return checkedTimestamp(TsArgs.longOrInvalid(a, i));
    }

    /** An explicit timestamp as parsed ({@link Long#MIN_VALUE}: not a strict integer), refused as RTS refuses it. */
    static long checkedTimestamp(long t) {
        if (t == Long.MIN_VALUE) throw new CommandException(Errors.INVALID_TIMESTAMP);
        if (t < 0) throw new CommandException(Errors.NEGATIVE_TIMESTAMP);
        return t;
    }

    /** TS.ADD/TS.MADD see a non-series key as "not a TSDB key" (not WRONGTYPE). */
    private static Series tsdbSeriesOrNull(Keyspace keyspace, Key key) {
        try {
            return keyspace.getSeries(key);
        } catch (WrongTypeException e) {
            throw new CommandException(Errors.NOT_A_TSDB_KEY);
        }
    }

    /**
     * Adds the sample and writes the reply: the timestamp, or the series' last timestamp when the
     * IGNORE filter dropped it. False when the series was removed meanwhile (look it up again).
     */
    private static boolean reply(RespWriter out, Series s, long timestamp, double value, DuplicatePolicy override) {
        SeriesLookup.requireNumeric(s);
        AddResult r = s.add(timestamp, SeriesLookup.valueBits(s, value), null, QUALITY_GOOD, override);
        switch (r) {
            case ADDED, UPDATED -> out.integer(timestamp);
            case IGNORED -> out.integer(s.lastTimestamp());
            case BLOCKED -> throw new CommandException(Errors.BLOCKED);
            case TOO_OLD -> throw new CommandException(Errors.OLDER_THAN_RETENTION);
            case REMOVED -> {
                return false;
            }
        }
        return true;
    }
}
