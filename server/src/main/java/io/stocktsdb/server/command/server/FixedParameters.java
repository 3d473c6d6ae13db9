package io.stocktsdb.server.command.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Redis parameters that CONFIG GET lists with a fixed value because they describe how this
 * server works rather than something it lets you choose: it never daemonizes or writes a pid
 * file, has one database, takes no automatic snapshots and always keeps its op log (Redis's AOF).
 * Tools read several of them (redis-benchmark reads save and appendonly).
 */
final class FixedParameters {
    /** Immutable in Redis too: CONFIG SET refuses them whatever the value. */
    static final Map<String, String> IMMUTABLE = new LinkedHashMap<>();
    /** Settable in Redis; here CONFIG SET accepts only the value they already have. */
    static final Map<String, String> SETTABLE_TO_CURRENT = new LinkedHashMap<>();

    static {
        IMMUTABLE.put("daemonize", "no");
        IMMUTABLE.put("supervised", "no");
        IMMUTABLE.put("pidfile", "");
        IMMUTABLE.put("databases", "1");
        IMMUTABLE.put("enable-module-command", "no");
        IMMUTABLE.put("enable-protected-configs", "no");
        SETTABLE_TO_CURRENT.put("save", "");
        SETTABLE_TO_CURRENT.put("appendonly", "yes");
    }

    private FixedParameters() {}

    /** Every fixed parameter and its value, in CONFIG GET's order. */
    static Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>(IMMUTABLE);
        out.putAll(SETTABLE_TO_CURRENT);
        return out;
    }
}
