package io.stocktsdb.engine.query;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.chunk.ValueType;
import java.util.Map;

/**
 * One matched series of a TS.MRANGE: its key, the labels the reply may need (see
 * {@link LabelSelection}), its value type, and its rows in reply order. {@code rows} is null when
 * the series holds no numbers (the command fails on it), when GROUPBY drops it (no such label),
 * or when another matched series holds no numbers.
 */
public record SeriesRows(Key key, Map<String, String> labels, ValueType type, RowSource rows) {}
