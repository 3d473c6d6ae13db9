package io.stocktsdb.engine.kline;

import io.stocktsdb.engine.key.Key;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A K-line family's definition. It is persisted as labels of each of its bar series (so it lives
 * and dies with their series metadata: restart, kill -9, DUMP/RESTORE), under the
 * {@code kline*} names of {@link #barLabels}; {@link #fromLabels} reads it back.
 *
 * @param name       the family name, also the prefix of its bar series keys
 * @param price      the tick price series
 * @param volume     the tick volume series (same timestamps as the prices), or null
 * @param timeframes in the order given, distinct
 * @param labels     the user's labels, copied onto every bar series (filters select families by them)
 */
public record KlineSpec(String name, Key price, Key volume, List<Timeframe> timeframes, TradingCalendar calendar,
                        OutsidePolicy outside, Map<String, String> labels) {
    public static final String FAMILY = "kline";
    public static final String TIMEFRAME = "kline_timeframe";
    public static final String FIELD = "kline_field";
    static final String PRICE = "kline_price";
    static final String VOLUME = "kline_volume";
    static final String TIMEFRAMES = "kline_timeframes";
    static final String CALENDAR = "kline_calendar";
    static final String ZONE = "kline_timezone";
    static final String SESSIONS = "kline_sessions";
    static final String OUTSIDE = "kline_outside";

    public KlineSpec {
        timeframes = List.copyOf(timeframes);
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** The key of a bar series: {@code <family>:<timeframe>:<field>}. */
    public Key barKey(Timeframe tf, BarField field) {
        return Key.of(name + ":" + tf.label() + ":" + field.label());
    }

    public Timeframe timeframe(String label) {
        for (Timeframe t : timeframes) if (t.label().equalsIgnoreCase(label)) return t;
        return null;
    }

    public String timeframesText() {
        List<String> out = new ArrayList<>();
        for (Timeframe t : timeframes) out.add(t.label());
        return String.join(",", out);
    }

    /** The labels of one bar series: the user's, then the definition. */
    public Map<String, String> barLabels(Timeframe tf, BarField field) {
        Map<String, String> out = new LinkedHashMap<>(labels);
        out.put(FAMILY, name);
        out.put(TIMEFRAME, tf.label());
        out.put(FIELD, field.label());
        out.put(PRICE, text(price));
        if (volume != null) out.put(VOLUME, text(volume));
        out.put(TIMEFRAMES, timeframesText());
        out.put(CALENDAR, calendar.name());
        out.put(ZONE, calendar.zone().getId());
        out.put(SESSIONS, calendar.sessionsText());
        out.put(OUTSIDE, outside.label());
        return out;
    }

    /** The definition carried by a bar series' labels, or null when they hold none. */
    public static KlineSpec fromLabels(Map<String, String> l) {
        String name = l.get(FAMILY);
        if (name == null || l.get(PRICE) == null || l.get(TIMEFRAMES) == null) return null;
        List<Timeframe> tfs = new ArrayList<>();
        for (String t : l.get(TIMEFRAMES).split(",")) tfs.add(Timeframe.parse(t));
        Map<String, String> user = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : l.entrySet()) if (!e.getKey().startsWith(FAMILY)) user.put(e.getKey(), e.getValue());
        TradingCalendar cal = TradingCalendar.restore(l.getOrDefault(CALENDAR, "24X7"), l.getOrDefault(ZONE, "UTC"),
                l.getOrDefault(SESSIONS, ""));
        String vol = l.get(VOLUME);
        return new KlineSpec(name, Key.of(l.get(PRICE)), vol == null ? null : Key.of(vol), tfs, cal,
                OutsidePolicy.parse(l.getOrDefault(OUTSIDE, "keep")), user);
    }

    static String text(Key k) {
        return new String(k.bytes(), StandardCharsets.UTF_8);
    }
}
