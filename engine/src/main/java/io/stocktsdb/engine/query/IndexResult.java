package io.stocktsdb.engine.query;

import io.stocktsdb.engine.key.Key;
import java.util.List;

/** TS.QUERYINDEX's answer, one engine's or merged: the matching keys, sorted. */
public record IndexResult(List<Key> keys) {
    public IndexResult {
        keys = List.copyOf(keys);
    }
}
