package io.stocktsdb.engine.query;

import java.util.List;

/** TS.MGET's answer, one engine's or merged: an entry per matched series, sorted by key. */
public record MGetResult(List<LastSample> entries) {
    public MGetResult {
        entries = List.copyOf(entries);
    }
}
