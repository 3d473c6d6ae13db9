package io.stocktsdb.server.console;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the console may run: reads only. The command box shows replies of these; anything else
 * is refused before it reaches the server.
 */
final class ReadOnlyCommands {
    private ReadOnlyCommands() {}

    private static final Set<String> ALLOWED = Set.of("TS.RANGE", "TS.REVRANGE", "TS.MRANGE", "TS.MREVRANGE", "TS.GET", "TS.MGET",
            "TS.INFO", "TS.QUERYINDEX", "KLINE.RANGE", "KLINE.MRANGE", "KLINE.INFO", "KLINE.LIST", "INFO", "DBSIZE", "PING",
            "TIME", "TYPE", "EXISTS", "SCAN", "TSDB_GET", "HASH_GET", "HASH_FIELDS", "CLUSTER_INFO", "GET", "MGET", "STRLEN");

    /** Null when allowed, else the error to show. */
    static String refusal(List<String> args) {
        if (args.isEmpty()) return "ERR empty command";
        String name = args.get(0).toUpperCase(Locale.ROOT);
        if (ALLOWED.contains(name)) return null;
        if (name.equals("SLOWLOG") && args.size() >= 2) {
            String sub = args.get(1).toUpperCase(Locale.ROOT);
            if (sub.equals("GET") || sub.equals("LEN")) return null;
        }
        return "ERR the console runs read-only commands only; '" + args.get(0) + "' is not one of them";
    }
}
