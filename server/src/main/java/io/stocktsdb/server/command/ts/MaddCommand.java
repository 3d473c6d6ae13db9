package io.stocktsdb.server.command.ts;

import io.stocktsdb.common.RedisIntegers;
import io.stocktsdb.engine.CommandClock;
import io.stocktsdb.engine.error.TsdbException;
import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.series.AddResult;
import io.stocktsdb.engine.series.MultiAdd;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.command.NumberSyntax;
import io.stocktsdb.server.command.TimestampUnits;
import io.stocktsdb.server.net.Client;

/**
 * TS.MADD, the bulk-load path (docs/timeseries.md, "Behaviour: writes"): never creates keys, one
 * reply per triple with errors inside the array, every {@code *} of the call at the same clock
 * value, checks per triple in RTS order (value, timestamp, key).
 *
 * <p>Per sample it allocates nothing in the common case: the keys are read from one copy of the
 * request's bytes, each key is matched against the series the same position named in this
 * thread's previous TS.MADD (a feed sends its symbols in the same order every time; any other
 * key is looked up in the key map), and consecutive adds are logged as one op-log record
 * ({@link MultiAdd}). While that run is open nothing here may lock a series: the steps that do
 * (a {@code *} timestamp's unit check, compaction-destination events, an IGNORED reply's last
 * timestamp) pause it first.
 */
final class MaddCommand {
    private static final int QUALITY_GOOD = 100;

    private final TsContext ts;

    MaddCommand(TsContext ts) {
        this.ts = ts;
    }

    void run(Client c, RespRequest a) {
        if ((a.argc() - 1) % 3 != 0) throw new CommandException(Errors.wrongArity("ts.madd"));
        int samples = (a.argc() - 1) / 3;
        RespWriter out = c.out();
        // room for the usual reply (":<13-digit timestamp>\r\n" per sample) at once, not by doublings
        if (out.target() != null) out.target().ensureWritable(samples * 16 + 8);
        out.arrayHeader(samples);
        MaddScratch scratch = MaddScratch.forThisThread();
        byte[] span = a.span(1, scratch.span());
        scratch.keep(span);
        Series[] hints = scratch.hints(samples);
        Keyspace keyspace = ts.keyspace();
        TimestampUnits units = ts.server.timestampUnits();
        Triple t = new Triple(a, span, CommandClock.nowMs(), !units.noneConfigured(), units);
        try (MultiAdd run = keyspace.multiAdd()) {
            for (int n = 0; n < samples; n++) {
                try {
                    add(out, keyspace, run, t.at(1 + 3 * n), hints, n);
                } catch (CommandException e) {
                    out.error(e.getMessage());
                } catch (TsdbException e) {
                    out.error(Errors.of(e));
                }
            }
        }
        for (int i = 1; i < a.argc(); i += 3) ts.events.module("ts.add", a, i); // every key, as RTS
    }

    private void add(RespWriter out, Keyspace keyspace, MultiAdd run, Triple t, Series[] hints, int n) {
        t.parse();
        Series hint = n < hints.length ? hints[n] : null;
        while (true) {
            Series s;
            try {
                s = keyspace.getSeries(t.span, t.keyOffset, t.keyLength, t.nowMs, hint, run);
            } catch (WrongTypeException e) {
                throw new CommandException(Errors.NOT_A_TSDB_KEY);
            }
            if (n < hints.length) hints[n] = s;
            if (s == null) throw new CommandException(Errors.NOT_A_TSDB_KEY);
            if (t.star) {
                run.pause();
                t.units.checkFillIn(t.key(), s, t.unit);
            }
            long[] marks = null;
            if (ts.events.marksDestinations(s)) {
                run.pause();
                marks = ts.events.destinationMarks(s);
            }
            SeriesLookup.requireNumeric(s);
            long bits = SeriesLookup.valueBits(s, t.value);
            AddResult r = marks == null ? run.add(s, t.timestamp, bits) : s.add(t.timestamp, bits, null, QUALITY_GOOD, null);
            switch (r) {
                case ADDED, UPDATED -> out.integer(t.timestamp);
                case IGNORED -> {
                    run.pause();
                    out.integer(s.lastTimestamp());
                }
                case BLOCKED -> throw new CommandException(Errors.BLOCKED);
                case TOO_OLD -> throw new CommandException(Errors.OLDER_THAN_RETENTION);
                case REMOVED -> {
                    hint = null; // removed meanwhile: look the key up again
                    continue;
                }
            }
            ts.events.closedBuckets(s, marks);
            return;
        }
    }

    /** One triple's arguments, parsed in RTS's order; reused for every triple of a command. */
    private static final class Triple {
        final RespRequest a;
        final byte[] span;
        final long nowMs;
        final boolean unitsConfigured;
        final TimestampUnits units;
        int arg;
        int keyOffset;
        int keyLength;
        double value;
        boolean star;
        long timestamp;
        TimestampUnits.Unit unit;
        private Key key;

        Triple(RespRequest a, byte[] span, long nowMs, boolean unitsConfigured, TimestampUnits units) {
            this.a = a;
            this.span = span;
            this.nowMs = nowMs;
            this.unitsConfigured = unitsConfigured;
            this.units = units;
        }

        Triple at(int arg) {
            this.arg = arg;
            return this;
        }

        void parse() {
            key = null;
            keyOffset = a.spanOffset(1, arg);
            keyLength = a.length(arg);
            value = NumberSyntax.parseSampleValue(span, a.spanOffset(1, arg + 2), a.length(arg + 2));
            if (Double.isNaN(value)) throw new CommandException(Errors.INVALID_VALUE);
            int tsOffset = a.spanOffset(1, arg + 1);
            int tsLength = a.length(arg + 1);
            star = tsLength == 1 && span[tsOffset] == '*';
            timestamp = star ? 0 : SampleCommands.checkedTimestamp(RedisIntegers.parse(span, tsOffset, tsLength));
            unit = !star ? null
                    : unitsConfigured ? units.fillIn(key(), TimestampUnits.Unit.MILLISECONDS) : TimestampUnits.Unit.MILLISECONDS;
            if (star) timestamp = unit.fromMillis(nowMs);
            else if (unitsConfigured) units.checkExplicit(key(), timestamp);
        }

        /** The key as an object, made only when a unit check needs it. */
        Key key() {
            if (key == null) key = Key.of(span, keyOffset, keyLength);
            return key;
        }
    }
}
