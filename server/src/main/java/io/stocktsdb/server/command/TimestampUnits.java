package io.stocktsdb.server.command;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.server.config.BusinessTypeConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Each business type's {@code timestamp_unit}: the unit of "now" when a command fills in the
 * time ({@code TS.ADD key *}, TS.INCRBY without TIMESTAMP, BATCH_SET without ts), and the unit
 * explicit timestamps are checked against. Unset (the default), each command family keeps its own
 * convention: the TS.* commands milliseconds, the seed's BATCH_SET seconds.
 *
 * <p>Mixing is refused where it can be told for certain: a timestamp within ten years of now in
 * the other unit (seconds read as milliseconds are January 1970; milliseconds read as seconds
 * are tens of thousands of years ahead), so small test timestamps are never refused.
 */
public final class TimestampUnits {
    /** Ten years, the width of "looks like now". */
    private static final long WINDOW_SECONDS = 10L * 366 * 24 * 3600;

    public enum Unit {
        MILLISECONDS("ms", "milliseconds"), SECONDS("s", "seconds");

        private final String configName;
        private final String word;

        Unit(String configName, String word) {
            this.configName = configName;
            this.word = word;
        }

        public long now() { return fromMillis(io.stocktsdb.engine.CommandClock.nowMs()); }

        /** A clock reading in milliseconds, in this unit. */
        public long fromMillis(long ms) { return this == SECONDS ? ms / 1000 : ms; }

        public String configName() { return configName; }

        /** True when {@code ts} is certainly a current timestamp in the other unit. */
        boolean looksLikeOther(long ts) {
            long nowSeconds = io.stocktsdb.engine.CommandClock.nowMs() / 1000;
            return this == MILLISECONDS
                    ? Math.abs(ts - nowSeconds) <= WINDOW_SECONDS
                    : Math.abs(ts / 1000 - nowSeconds) <= WINDOW_SECONDS;
        }

        Unit other() { return this == SECONDS ? MILLISECONDS : SECONDS; }

        public static Unit parse(String configName) {
            for (Unit u : values()) if (u.configName.equals(configName)) return u;
            return null;
        }
    }

    private final Supplier<List<BusinessTypeConfig>> types;
    private final Function<Key, String> businessOfKey;
    private volatile List<BusinessTypeConfig> cachedFrom;
    private volatile Map<String, Unit> cached = Map.of();

    /**
     * @param types         the configured business types (read on every call: CONFIG may change them)
     * @param businessOfKey the name of the business a key routes to
     */
    public TimestampUnits(Supplier<List<BusinessTypeConfig>> types, Function<Key, String> businessOfKey) {
        this.types = types;
        this.businessOfKey = businessOfKey;
    }

    /** The configured unit of the key's business, or null when unset. */
    public Unit configured(Key key) {
        Map<String, Unit> units = units();
        if (units.isEmpty()) return null;
        return units.get(businessOfKey.apply(key));
    }

    /**
     * True when no business type sets a unit, so {@link #configured} is null for every key: a
     * command of many samples asks once instead of once per sample.
     */
    public boolean noneConfigured() {
        return units().isEmpty();
    }

    private Map<String, Unit> units() {
        List<BusinessTypeConfig> current = types.get();
        if (current != cachedFrom) {
            Map<String, Unit> m = new HashMap<>();
            for (BusinessTypeConfig b : current) if (b.timestampUnit() != null) m.put(b.name(), Unit.parse(b.timestampUnit()));
            cached = m;
            cachedFrom = current;
        }
        return cached;
    }

    /** The unit a command fills "now" in: the business's, else the command family's {@code convention}. */
    public Unit fillIn(Key key, Unit convention) {
        Unit u = configured(key);
        return u != null ? u : convention;
    }

    /**
     * Refuses to fill in "now" in {@code unit} on a series that holds timestamps of the other
     * unit. Call with the series' lock held when the clock is read under it.
     */
    public void checkFillIn(Key key, Series s, Unit unit) {
        if (s == null) return;
        long last = s.lastTimestamp(); // 0 when empty, which looks like neither unit
        if (unit.looksLikeOther(last)) {
            throw new CommandException(Errors.timestampUnitMismatch(unit.other().word, last, unit.word, businessOf(key)));
        }
    }

    /** Refuses an explicit timestamp that is certainly in the other unit than the business's configured one. */
    public void checkExplicit(Key key, long ts) {
        Unit u = configured(key);
        if (u != null && u.looksLikeOther(ts)) {
            throw new CommandException(Errors.timestampInOtherUnit(ts, u.other().word, businessOf(key), u.word, u.configName));
        }
    }

    private String businessOf(Key key) {
        return businessOfKey.apply(key);
    }
}
