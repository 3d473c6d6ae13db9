package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.series.Series;

/** Finds the open compaction bucket of a destination series (reference §8.5); null when there is none. */
@FunctionalInterface
interface LatestLookup {
    LatestBucket of(Series destination);
}
