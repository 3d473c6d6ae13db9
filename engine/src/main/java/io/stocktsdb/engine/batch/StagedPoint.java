package io.stocktsdb.engine.batch;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.chunk.ValueType;

/** One acknowledged BATCH_SET point, already validated and typed, waiting for its flush. */
public record StagedPoint(Key key, ValueType type, long timestamp, long valueBits, byte[] blob, int quality) {}
