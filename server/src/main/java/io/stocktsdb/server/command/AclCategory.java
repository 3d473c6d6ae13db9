package io.stocktsdb.server.command;

import java.util.Locale;

/**
 * Redis ACL categories in Redis's order (ACL CAT lists them so), followed by the time-series
 * module's category as Redis 8 registers it.
 */
public enum AclCategory {
    KEYSPACE, READ, WRITE, SET, SORTEDSET, LIST, HASH, STRING, BITMAP, HYPERLOGLOG, GEO, STREAM, PUBSUB,
    ADMIN, FAST, SLOW, BLOCKING, DANGEROUS, CONNECTION, TRANSACTION, SCRIPTING, TIMESERIES;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    public static AclCategory parse(String name) {
        for (AclCategory c : values()) if (c.wireName().equalsIgnoreCase(name)) return c;
        return null;
    }
}
