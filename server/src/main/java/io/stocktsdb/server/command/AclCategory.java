package io.stocktsdb.server.command;

import java.util.Locale;

/** Redis ACL categories (ACL CAT), plus the time-series module's. */
public enum AclCategory {
    KEYSPACE, READ, WRITE, STRING, ADMIN, FAST, SLOW, DANGEROUS, CONNECTION, TRANSACTION, TIMESERIES;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    public static AclCategory parse(String name) {
        for (AclCategory c : values()) if (c.wireName().equalsIgnoreCase(name)) return c;
        return null;
    }
}
