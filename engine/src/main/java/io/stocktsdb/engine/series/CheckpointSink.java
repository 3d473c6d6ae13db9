package io.stocktsdb.engine.series;

import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.key.Key;

/** Where a checkpoint snapshot of a {@link Series} writes. Called under the series lock. */
public interface CheckpointSink {
    void putChunk(Business business, int slot, long seriesId, long firstTs, int count, long lastTs, byte[] encoded);

    void deleteChunk(Business business, int slot, long seriesId, long firstTs);

    void putSeries(Series series, Key key, Business business, SeriesOptions options, long persistedSeq);
}
