package io.stocktsdb.engine.query;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.chunk.ValueType;
import java.util.Map;

/**
 * A series' newest sample (TS.GET, one TS.MGET entry): the open compaction bucket with LATEST,
 * else the last stored sample; {@code present} is false when there is none (an empty series, or
 * one that holds no numbers). {@code labels} are those the reply may need.
 */
public record LastSample(Key key, Map<String, String> labels, ValueType type, boolean present, long timestamp, double value) {}
