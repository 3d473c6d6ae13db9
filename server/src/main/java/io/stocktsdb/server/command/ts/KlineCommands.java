package io.stocktsdb.server.command.ts;

import io.netty.buffer.ByteBuf;
import io.stocktsdb.resp.PostponedArray;

import io.stocktsdb.engine.filter.FilterParser;
import io.stocktsdb.engine.filter.LabelMatcher;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.kline.Bar;
import io.stocktsdb.engine.kline.CandleReader;
import io.stocktsdb.engine.kline.KlineFamily;
import io.stocktsdb.engine.kline.KlineSpec;
import io.stocktsdb.engine.kline.Klines;
import io.stocktsdb.engine.kline.OutsidePolicy;
import io.stocktsdb.engine.kline.Timeframe;
import io.stocktsdb.engine.kline.TradingCalendar;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.resp.RowEncoder;
import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.command.CommandFlag;
import io.stocktsdb.server.command.CommandHandler;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.config.BusinessTypeConfig;
import io.stocktsdb.server.net.Client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The KLINE.* family: candles (OHLC, volume, turnover, trade count, VWAP) at several timeframes
 * from tick series, kept by the engine ({@link Klines}). Replies follow the TS.* conventions:
 * sample values as TS.RANGE sends them (RESP2 simple strings, RESP3 doubles), labels as
 * TS.MRANGE. A candle row is {@code [timestamp, open, high, low, close, volume, turnover, count, vwap]}.
 */
final class KlineCommands {
    private static final Set<String> CREATE_KEYWORDS = Set.of("PRICE", "VOLUME", "TIMEFRAMES", "CALENDAR", "TIMEZONE",
            "SESSIONS", "OUTSIDE", "LABELS");

    private final TsContext ts;

    KlineCommands(TsContext ts) {
        this.ts = ts;
    }

    void register(CommandRegistry r) {
        r.register(write("kline.create", -6, "Create a K-line family (candles at several timeframes) from tick series", this::create));
        r.register(write("kline.drop", 2, "Drop a K-line family and its bar series", this::drop));
        r.register(read("kline.range", -5, "Candles of a K-line family for a timeframe and range", this::range));
        r.register(read("kline.mrange", -6, "Candles of every K-line family matching a label filter", this::mrange));
        r.register(read("kline.info", 2, "Definition of a K-line family", this::info));
        r.register(read("kline.list", 1, "Names of all K-line families", this::list));
    }

    /** Keyless (keys are named after keywords); ACL category {@code @timeseries}; docs group {@code market}. */
    private static CommandSpec write(String name, int arity, String summary, CommandHandler h) {
        return base(name, arity, summary, h).flags(CommandFlag.WRITE, CommandFlag.DENYOOM).build();
    }

    private static CommandSpec read(String name, int arity, String summary, CommandHandler h) {
        return base(name, arity, summary, h).flags(CommandFlag.READONLY).build();
    }

    private static CommandSpec.Builder base(String name, int arity, String summary, CommandHandler h) {
        return CommandSpec.builder(name, arity).categories(AclCategory.TIMESERIES).docs("market", "1.0.0", summary).handler(h).keys(0, 0, 0);
    }

    private Klines klines() {
        return ts.server.engine().klines();
    }

    /**
     * {@code KLINE.CREATE family PRICE key [VOLUME key] TIMEFRAMES tf... [CALENDAR name] [TIMEZONE zone]
     * [SESSIONS HH:MM-HH:MM,...] [OUTSIDE KEEP|REJECT] [LABELS label value ...]}.
     */
    private void create(Client c, RespRequest a) {
        String name = a.string(1);
        Key price = null;
        Key volume = null;
        List<Timeframe> tfs = new ArrayList<>();
        String calendar = null;
        String zone = null;
        String sessions = null;
        OutsidePolicy outside = OutsidePolicy.KEEP;
        Map<String, String> labels = new LinkedHashMap<>();
        int i = 2;
        while (i < a.argc()) {
            String kw = a.string(i).toUpperCase(Locale.ROOT);
            switch (kw) {
                case "PRICE" -> price = Key.of(a.bytes(need(a, i++, kw)));
                case "VOLUME" -> volume = Key.of(a.bytes(need(a, i++, kw)));
                case "CALENDAR" -> calendar = a.string(need(a, i++, kw));
                case "TIMEZONE" -> zone = a.string(need(a, i++, kw));
                case "SESSIONS" -> sessions = a.string(need(a, i++, kw));
                case "OUTSIDE" -> outside = OutsidePolicy.parse(a.string(need(a, i++, kw)));
                case "TIMEFRAMES" -> {
                    while (i + 1 < a.argc() && !CREATE_KEYWORDS.contains(a.string(i + 1).toUpperCase(Locale.ROOT))) {
                        Timeframe tf = Timeframe.parse(a.string(++i));
                        if (tfs.stream().anyMatch(t -> t.millis() == tf.millis())) {
                            throw new CommandException(Errors.klineDuplicateTimeframe(tf.label()));
                        }
                        tfs.add(tf);
                    }
                }
                case "LABELS" -> {
                    if ((a.argc() - i - 1) % 2 != 0 || i + 1 >= a.argc()) throw new CommandException(Errors.KLINE_LABELS_PAIRS);
                    for (int j = i + 1; j < a.argc(); j += 2) {
                        String label = a.string(j);
                        if (label.startsWith(KlineSpec.FAMILY)) throw new CommandException(Errors.KLINE_LABELS_RESERVED);
                        labels.put(label, a.string(j + 1));
                    }
                    i = a.argc() - 1;
                }
                default -> throw new CommandException(Errors.klineUnknownArgument(a.string(i)));
            }
            i++;
        }
        if (price == null) throw new CommandException(Errors.KLINE_MISSING_PRICE);
        if (tfs.isEmpty()) throw new CommandException(Errors.KLINE_MISSING_TIMEFRAMES);
        TradingCalendar cal = calendar(price, calendar, zone, sessions);
        klines().create(new KlineSpec(name, price, volume, tfs, cal, outside, labels));
        c.out().ok();
    }

    /**
     * The family's calendar: from CALENDAR/TIMEZONE/SESSIONS when any is given, else from the
     * business type of the price key when its config sets one, else every day in UTC.
     */
    private TradingCalendar calendar(Key price, String calendar, String zone, String sessions) {
        if (calendar == null && zone == null && sessions == null) {
            String business = ts.server.engine().businessTypeOf(price);
            for (BusinessTypeConfig b : ts.server.settings().businessTypes()) {
                if (b.name().equals(business) && b.hasCalendar()) return TradingCalendar.of(b.calendar(), b.timezone(), b.sessions());
            }
        }
        return TradingCalendar.of(calendar, zone, sessions);
    }

    private static int need(RespRequest a, int at, String keyword) {
        if (at + 1 >= a.argc()) throw new CommandException(Errors.klineNeedsValue(keyword));
        return at + 1;
    }

    private void drop(Client c, RespRequest a) {
        if (!klines().drop(a.string(1))) throw new CommandException(Errors.klineNoFamily(a.string(1)));
        c.out().ok();
    }

    private KlineFamily family(String name) {
        KlineFamily f = klines().get(name);
        if (f == null) throw new CommandException(Errors.klineNoFamily(name));
        return f;
    }

    /** {@code KLINE.RANGE family timeframe from to [COUNT n]}. */
    private void range(Client c, RespRequest a) {
        KlineFamily f = family(a.string(1));
        Timeframe tf = timeframe(f, a.string(2));
        long from = bound(a, 3, Long.MIN_VALUE);
        long to = bound(a, 4, Long.MAX_VALUE);
        long count = -1;
        if (a.argc() > 5) {
            if (a.argc() != 7 || !a.equalsIgnoreCase(5, "COUNT")) throw new CommandException(Errors.klineUnknownArgument(a.string(5)));
            count = count(a, 6);
        }
        rows(c.out(), new CandleReader(), f, tf, from, to, count);
    }

    /** {@code KLINE.MRANGE timeframe from to [COUNT n] [WITHLABELS] FILTER expr...}: {@code [[family, labels, rows], ...]}. */
    private void mrange(Client c, RespRequest a) {
        // this node's label index holds only its shard's families: refused rather than answered in part
        var cluster = ts.server.cluster();
        if (cluster != null && cluster.multiShard()) throw new CommandException(Errors.KLINE_MRANGE_CROSS_SHARD);
        String tfLabel = a.string(1);
        long from = bound(a, 2, Long.MIN_VALUE);
        long to = bound(a, 3, Long.MAX_VALUE);
        int filterAt = TsArgs.indexOf(a, "FILTER", 4);
        if (filterAt < 0 || filterAt == a.argc() - 1) throw new CommandException(Errors.KLINE_MISSING_FILTER);
        long count = -1;
        boolean withLabels = false;
        for (int i = 4; i < filterAt; i++) {
            if (a.equalsIgnoreCase(i, "COUNT") && i + 1 < filterAt) {
                count = count(a, ++i);
            } else if (a.equalsIgnoreCase(i, "WITHLABELS")) {
                withLabels = true;
            } else {
                throw new CommandException(Errors.klineUnknownArgument(a.string(i)));
            }
        }
        List<String> exprs = new ArrayList<>();
        for (int i = filterAt + 1; i < a.argc(); i++) exprs.add(a.string(i));
        List<LabelMatcher> filter = FilterParser.parse(exprs);
        List<KlineFamily> matched = new ArrayList<>();
        for (KlineFamily f : klines().all()) {
            Map<String, String> l = new LinkedHashMap<>(f.spec().labels());
            l.put(KlineSpec.FAMILY, f.spec().name());
            if (filter.stream().allMatch(m -> m.matches(l))) matched.add(f);
        }
        // Every error (an unknown timeframe) is raised before the reply starts.
        Timeframe[] tfs = new Timeframe[matched.size()];
        for (int i = 0; i < tfs.length; i++) tfs[i] = timeframe(matched.get(i), tfLabel);
        RespWriter out = c.out();
        CandleReader reader = new CandleReader();
        out.arrayHeader(matched.size());
        for (int i = 0; i < matched.size(); i++) {
            KlineFamily f = matched.get(i);
            out.arrayHeader(3);
            out.bulk(f.spec().name());
            LabelReplies.all(out, withLabels ? f.spec().labels() : Map.of());
            rows(out, reader, f, tfs[i], from, to, count);
        }
    }

    private void info(Client c, RespRequest a) {
        KlineFamily f = family(a.string(1));
        KlineSpec s = f.spec();
        RespWriter out = c.out();
        out.mapHeader(10);
        out.bulk("family");
        out.bulk(s.name());
        out.bulk("price");
        out.bulk(s.price().bytes());
        out.bulk("volume");
        if (s.volume() == null) out.nullBulk(); else out.bulk(s.volume().bytes());
        out.bulk("timeframes");
        out.arrayHeader(s.timeframes().size());
        for (Timeframe t : s.timeframes()) out.bulk(t.label());
        out.bulk("calendar");
        out.bulk(s.calendar().name());
        out.bulk("timezone");
        out.bulk(s.calendar().zone().getId());
        out.bulk("sessions");
        out.bulk(s.calendar().sessionsText());
        out.bulk("outside");
        out.bulk(s.outside().label());
        out.bulk("labels");
        LabelReplies.all(out, s.labels());
        out.bulk("barSeries");
        out.arrayHeader(s.timeframes().size());
        for (Timeframe t : s.timeframes()) {
            out.bulk(s.name() + ":" + t.label() + ":*");
        }
    }

    private void list(Client c, RespRequest a) {
        List<KlineFamily> all = klines().all();
        c.out().arrayHeader(all.size());
        for (KlineFamily f : all) c.out().bulk(f.spec().name());
    }

    private static Timeframe timeframe(KlineFamily f, String label) {
        Timeframe tf = f.spec().timeframe(label);
        if (tf == null) throw new CommandException(Errors.klineNoTimeframe(f.spec().name(), label, f.spec().timeframesText()));
        return tf;
    }

    /** The candle rows, written as they are read (the row count is known only at the end). */
    private static void rows(RespWriter out, CandleReader reader, KlineFamily f, Timeframe tf, long from, long to, long count) {
        ByteBuf reply = PostponedArray.open(out);
        RowEncoder row = out.rowEncoder();
        int n;
        try {
            n = reader.candles(f, tf, from, to, count, (t, open, high, low, close, volume, turnover, trades) -> {
                row.arrayHeader(9);
                row.integer(t);
                row.sampleValue(open);
                row.sampleValue(high);
                row.sampleValue(low);
                row.sampleValue(close);
                row.sampleValue(volume);
                row.sampleValue(turnover);
                row.integer(trades);
                row.sampleValue(Bar.vwap(volume, turnover));
                row.endRow();
            });
        } catch (RuntimeException e) {
            PostponedArray.abandon(out, reply);
            throw e;
        }
        PostponedArray.close(out, reply, n);
    }

    private static long bound(RespRequest a, int i, long open) {
        if (TsArgs.isSingle(a, i, '-') || TsArgs.isSingle(a, i, '+')) return open;
        long t = TsArgs.longOrInvalid(a, i);
        if (t == Long.MIN_VALUE) throw new CommandException(Errors.klineInvalidBound(open == Long.MIN_VALUE ? "fromTimestamp" : "toTimestamp", a.string(i)));
        return t;
    }

    /** The value of COUNT at {@code at}: a positive integer. */
    private static long count(RespRequest a, int at) {
        long n = TsArgs.longOrInvalid(a, at);
        if (n <= 0) throw new CommandException(Errors.klineInvalidCount(a.string(at)));
        return n;
    }
}
