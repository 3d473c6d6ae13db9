package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.key.Key;
import java.util.List;

/** One SCAN step: the cursor to pass next (0 = done) and the keys found. */
public record ScanResult(long nextCursor, List<Key> keys) {}
