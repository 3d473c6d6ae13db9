package io.stocktsdb.server.config;

import java.util.Locale;

/**
 * {@code client-output-buffer-limit} as Redis spells it: per client class a hard limit, a soft
 * limit and the seconds a client may stay above the soft limit (0 = no limit). Only the normal
 * class has clients here; replica and pubsub are kept so CONFIG GET/SET round-trip as in Redis.
 *
 * <p>Normal clients default to Redis's {@code normal 0 0 0} (unlimited): the connection stops
 * dispatching a client's commands while their replies wait for the socket, and streams big
 * replies, so what one client makes the server buffer stays bounded without a limit.
 */
public record OutputBufferLimits(Limit normal, Limit replica, Limit pubsub) {
    /** One class's limits in bytes and seconds. */
    public record Limit(long hardBytes, long softBytes, long softSeconds) {
        public boolean hardExceeded(long bytes) { return hardBytes > 0 && bytes > hardBytes; }

        public boolean softExceeded(long bytes) { return softBytes > 0 && bytes > softBytes; }
    }

    public static final OutputBufferLimits DEFAULT = new OutputBufferLimits(
            new Limit(0, 0, 0), new Limit(256L << 20, 64L << 20, 60), new Limit(32L << 20, 8L << 20, 60));

    /** Parses "class hard soft seconds [class hard soft seconds ...]" over {@code previous}. */
    static OutputBufferLimits parse(String text, OutputBufferLimits previous, ConfigField field) {
        String[] t = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
        if (t.length == 0 || t.length % 4 != 0) throw Settings.bad(field, text, "expected groups of <class> <hard> <soft> <seconds>");
        OutputBufferLimits r = previous;
        for (int i = 0; i < t.length; i += 4) {
            long hard = memory(t[i + 1], field, text);
            long soft = memory(t[i + 2], field, text);
            long seconds;
            try {
                seconds = Long.parseLong(t[i + 3]);
            } catch (NumberFormatException e) {
                throw Settings.bad(field, text, "seconds must be an integer");
            }
            if (hard < 0 || soft < 0 || seconds < 0) throw Settings.bad(field, text, "limits must not be negative");
            Limit l = new Limit(hard, soft, seconds);
            switch (t[i].toLowerCase(Locale.ROOT)) {
                case "normal": r = new OutputBufferLimits(l, r.replica, r.pubsub); break;
                case "replica":
                case "slave": r = new OutputBufferLimits(r.normal, l, r.pubsub); break;
                case "pubsub": r = new OutputBufferLimits(r.normal, r.replica, l); break;
                default: throw Settings.bad(field, text, "unknown client class '" + t[i] + "'");
            }
        }
        return r;
    }

    private static long memory(String s, ConfigField field, String text) {
        return Settings.parseMemory(field, s.toLowerCase(Locale.ROOT), text);
    }

    /** As CONFIG GET shows it. */
    public String render() {
        return "normal " + render(normal) + " replica " + render(replica) + " pubsub " + render(pubsub);
    }

    @Override
    public String toString() { return render(); }

    private static String render(Limit l) { return l.hardBytes + " " + l.softBytes + " " + l.softSeconds; }
}
