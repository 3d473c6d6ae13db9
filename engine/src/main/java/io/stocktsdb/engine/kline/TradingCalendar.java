package io.stocktsdb.engine.kline;


import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where bars start and end: an exchange's time zone, its trading sessions (local times, both ends
 * inclusive, so the closing auction's tick at 15:00:00 still belongs to the last bar) and its
 * trading weekdays. All zone arithmetic is {@code java.time}'s (DST included). Holidays are not
 * modelled: a holiday simply has no ticks, hence no bars.
 *
 * <p>Intraday bars start at each session's open and are cut at its close (no bar spans a lunch
 * break); without sessions they start at local midnight. Daily bars start at local midnight.
 */
public final class TradingCalendar {
    public record Session(LocalTime start, LocalTime end) {
        @Override
        public String toString() {
            return fmt(start) + "-" + fmt(end);
        }
    }

    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private static final Map<String, TradingCalendar> BUILT_IN = new LinkedHashMap<>();

    static {
        builtIn("SSE", "Asia/Shanghai", "09:30-11:30,13:00-15:00", WEEKDAYS);
        builtIn("SZSE", "Asia/Shanghai", "09:30-11:30,13:00-15:00", WEEKDAYS);
        builtIn("HKEX", "Asia/Hong_Kong", "09:30-12:00,13:00-16:00", WEEKDAYS);
        builtIn("NYSE", "America/New_York", "09:30-16:00", WEEKDAYS);
        builtIn("NASDAQ", "America/New_York", "09:30-16:00", WEEKDAYS);
        builtIn("24X7", "UTC", "", EnumSet.allOf(DayOfWeek.class));
    }

    private static void builtIn(String name, String zone, String sessions, Set<DayOfWeek> days) {
        BUILT_IN.put(name, new TradingCalendar(name, ZoneId.of(zone), parseSessions(sessions), days));
    }

    private final String name;
    private final ZoneId zone;
    private final List<Session> sessions;
    private final Set<DayOfWeek> days;
    /** The day last asked about (ticks come in time order: nearly every call hits it). */
    private volatile Day lastDay;

    private TradingCalendar(String name, ZoneId zone, List<Session> sessions, Set<DayOfWeek> days) {
        this.name = name;
        this.zone = zone;
        this.sessions = List.copyOf(sessions);
        this.days = days;
    }

    public static List<String> builtInNames() {
        return List.copyOf(BUILT_IN.keySet());
    }

    /**
     * A calendar from a built-in name (null: every day, UTC, no sessions), with the zone and
     * sessions overridden when given. Throws naming the argument at fault.
     */
    public static TradingCalendar of(String calendar, String zone, String sessions) {
        TradingCalendar base = BUILT_IN.get("24X7");
        if (calendar != null) {
            base = BUILT_IN.get(calendar.toUpperCase(Locale.ROOT));
            if (base == null) throw KlineErrors.unknownCalendar(calendar);
        }
        ZoneId z = zone == null ? base.zone : zoneOf(zone);
        List<Session> s = sessions == null ? base.sessions : parseSessions(sessions);
        boolean custom = zone != null || sessions != null;
        String n = calendar == null ? (custom ? "custom" : "24X7") : base.name + (custom ? "+custom" : "");
        return new TradingCalendar(n, z, s, base.days);
    }

    /** A calendar as {@link KlineSpec#barLabels} stored it (name, resolved zone and sessions). */
    static TradingCalendar restore(String name, String zone, String sessions) {
        String baseName = name.endsWith("+custom") ? name.substring(0, name.length() - "+custom".length()) : name;
        TradingCalendar base = BUILT_IN.getOrDefault(baseName, BUILT_IN.get("24X7"));
        return new TradingCalendar(name, zoneOf(zone), parseSessions(sessions), base.days);
    }

    private static ZoneId zoneOf(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw KlineErrors.unknownZone(zone);
        }
    }

    /** {@code HH:MM-HH:MM[,HH:MM-HH:MM...]}; empty means "the whole day". Sorted; overlaps refused. */
    public static List<Session> parseSessions(String text) {
        List<Session> out = new ArrayList<>();
        if (text.isBlank()) return out;
        for (String part : text.split(",", -1)) {
            String[] ends = part.trim().split("-", -1);
            if (ends.length != 2) throw KlineErrors.badSessions(text);
            try {
                LocalTime a = LocalTime.parse(ends[0].trim());
                LocalTime b = LocalTime.parse(ends[1].trim());
                if (!b.isAfter(a)) throw KlineErrors.badSessions(text);
                out.add(new Session(a, b));
            } catch (DateTimeParseException e) {
                throw KlineErrors.badSessions(text);
            }
        }
        out.sort(Comparator.comparing(Session::start));
        for (int i = 1; i < out.size(); i++) {
            if (!out.get(i).start().isAfter(out.get(i - 1).end())) {
                throw KlineErrors.overlappingSessions(out.get(i - 1).toString(), out.get(i).toString());
            }
        }
        return out;
    }

    public String name() { return name; }

    public ZoneId zone() { return zone; }

    public List<Session> sessions() { return sessions; }

    public String sessionsText() {
        List<String> parts = new ArrayList<>();
        for (Session s : sessions) parts.add(s.toString());
        return String.join(",", parts);
    }

    /** For messages: {@code SSE, Asia/Shanghai 09:30-11:30,13:00-15:00}. */
    public String describe() {
        return name + ", " + zone.getId() + (sessions.isEmpty() ? " all day" : " " + sessionsText());
    }

    /**
     * The bar of timeframe {@code tf} holding {@code ts}: {@code out[0]} its start (the bar's
     * timestamp), {@code out[1]} its last millisecond (and see {@link #validity}). False when
     * {@code ts} is outside every session.
     */
    public boolean bar(long ts, Timeframe tf, long[] out) {
        Day day = day(ts);
        if (day == null) return barByZone(ts, tf, out);
        if (!day.trading) return false;
        if (sessions.isEmpty()) {
            dayBar(ts, tf, day.start, day.next, out);
            return true;
        }
        long[] w = day.sessions;
        for (int i = 0; i < w.length; i += 2) {
            if (ts < w[i] || ts > w[i + 1]) continue;
            if (tf.daily()) {
                out[0] = day.start;
                out[1] = day.next - 1;
                validity(out, w[i], w[i + 1]);
            } else {
                sessionBar(ts, tf, w[i], w[i + 1], out);
            }
            return true;
        }
        return false;
    }

    /** {@link #bar} computed with {@code java.time} from scratch (days with an offset change; the reference for tests). */
    boolean barByZone(long ts, Timeframe tf, long[] out) {
        ZonedDateTime z = Instant.ofEpochMilli(ts).atZone(zone);
        LocalDate d = z.toLocalDate();
        if (!days.contains(d.getDayOfWeek())) return false;
        if (sessions.isEmpty()) {
            dayBar(ts, tf, startOf(d), startOf(d.plusDays(1)), out);
            return true;
        }
        LocalTime t = z.toLocalTime();
        for (Session s : sessions) {
            if (t.isBefore(s.start()) || t.isAfter(s.end())) continue;
            long open = ZonedDateTime.of(d, s.start(), zone).toInstant().toEpochMilli();
            long close = ZonedDateTime.of(d, s.end(), zone).toInstant().toEpochMilli();
            if (tf.daily()) {
                out[0] = startOf(d);
                out[1] = startOf(d.plusDays(1)) - 1;
                validity(out, open, close);
            } else {
                sessionBar(ts, tf, open, close, out);
            }
            return true;
        }
        return false;
    }

    /** Without sessions: the bar of the local day {@code [dayStart, next)} holding {@code ts}. */
    private static void dayBar(long ts, Timeframe tf, long dayStart, long next, long[] out) {
        if (tf.daily()) {
            out[0] = dayStart;
            out[1] = next - 1;
        } else {
            long start = dayStart + (ts - dayStart) / tf.millis() * tf.millis();
            out[0] = start;
            out[1] = Math.min(start + tf.millis(), next) - 1;
        }
        validity(out, out[0], out[1]);
    }

    /** An intraday bar of the session {@code [open, close]} holding {@code ts}: the last one is cut at the close. */
    private static void sessionBar(long ts, Timeframe tf, long open, long close, long[] out) {
        long lastIndex = (close - open - 1) / tf.millis();
        long k = Math.min((ts - open) / tf.millis(), lastIndex);
        out[0] = open + k * tf.millis();
        out[1] = k == lastIndex ? close : out[0] + tf.millis() - 1;
        validity(out, out[0], out[1]);
    }

    private long startOf(LocalDate d) {
        return d.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /**
     * One local day {@code [start, next)} whose UTC offset does not change (every day but the
     * two of a daylight-saving switch): its session windows in epoch ms, so that comparing a
     * timestamp with them is comparing local times, and a bar is arithmetic. Immutable.
     */
    private record Day(long start, long next, boolean trading, long[] sessions) {}

    /** The {@link Day} holding {@code ts}, or null when its offset changes that day (then java.time answers). */
    private Day day(long ts) {
        Day d = lastDay;
        if (d != null && ts >= d.start && ts < d.next) return d;
        LocalDate date = Instant.ofEpochMilli(ts).atZone(zone).toLocalDate();
        long start = startOf(date);
        long next = startOf(date.plusDays(1));
        // A switch at the day's first instant counts too: its local midnight may not exist.
        ZoneOffsetTransition change = zone.getRules().nextTransition(Instant.ofEpochMilli(start - 1));
        if (change != null && change.toEpochSecond() * 1000 < next) return null;
        d = new Day(start, next, days.contains(date.getDayOfWeek()), windows(date));
        lastDay = d;
        return d;
    }

    /** The session windows of local date {@code d} (first and last millisecond, pairs). */
    private long[] windows(LocalDate d) {
        long[] out = new long[sessions.size() * 2];
        for (int i = 0; i < sessions.size(); i++) {
            out[2 * i] = ZonedDateTime.of(d, sessions.get(i).start(), zone).toInstant().toEpochMilli();
            out[2 * i + 1] = ZonedDateTime.of(d, sessions.get(i).end(), zone).toInstant().toEpochMilli();
        }
        return out;
    }

    /** With {@code out.length >= 4}: {@code out[2..3]} receive the interval of timestamps known to share this answer. */
    private static void validity(long[] out, long from, long to) {
        if (out.length >= 4) {
            out[2] = from;
            out[3] = to;
        }
    }

    /**
     * As {@link #bar}, but a daily bar covers its whole trading day, sessions or not (the bar whose
     * ticks a deletion starting at {@code ts} may have removed).
     */
    public boolean barCovering(long ts, Timeframe tf, long[] out) {
        if (!tf.daily() || sessions.isEmpty()) return bar(ts, tf, out);
        LocalDate d = Instant.ofEpochMilli(ts).atZone(zone).toLocalDate();
        if (!days.contains(d.getDayOfWeek())) return false;
        out[0] = startOf(d);
        out[1] = startOf(d.plusDays(1)) - 1;
        return true;
    }

    /**
     * The session windows (first and last millisecond, pairs) of the day starting at
     * {@code dayStart}; null when there are no sessions (the whole day counts).
     */
    public long[] sessionWindows(long dayStart) {
        if (sessions.isEmpty()) return null;
        return windows(Instant.ofEpochMilli(dayStart).atZone(zone).toLocalDate());
    }

    private static String fmt(LocalTime t) {
        return t.getSecond() == 0 ? String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute()) : t.toString();
    }
}
