package io.stocktsdb.engine.business;

import org.rocksdb.ColumnFamilyHandle;

/**
 * A business at run time: its configured type, its column family and its counters. A business
 * whose type was removed from the configuration still exists ({@link #configured()} false) so
 * that its data stays readable; no new key routes to it.
 */
public final class Business {
    private final BusinessType type;
    private final ColumnFamilyHandle columnFamily;
    private final BusinessStats stats = new BusinessStats();
    private final boolean configured;

    public Business(BusinessType type, ColumnFamilyHandle columnFamily, boolean configured) {
        this.type = type;
        this.columnFamily = columnFamily;
        this.configured = configured;
    }

    public BusinessType type() { return type; }

    public String name() { return type.name(); }

    public ColumnFamilyHandle columnFamily() { return columnFamily; }

    public BusinessStats stats() { return stats; }

    public boolean configured() { return configured; }
}
