package io.stocktsdb.engine.query;

/** The still-open compaction bucket of a destination series, shown by LATEST (docs/timeseries.md, "Behaviour: compaction rules"). */
record LatestBucket(long timestamp, double value) {}
