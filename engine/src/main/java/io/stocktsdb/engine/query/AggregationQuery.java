package io.stocktsdb.engine.query;

import io.stocktsdb.engine.aggregate.AggregationSpec;
import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.aggregate.BucketTimestamp;
import java.util.List;

/**
 * {@code [ALIGN align] AGGREGATION aggregator[,aggregator...] bucketDuration [BUCKETTIMESTAMP bt] [EMPTY]}
 * as parsed; the alignment is resolved per query ({@link #spec}).
 */
public record AggregationQuery(List<Aggregator> aggregators, long bucketDuration, BucketTimestamp bucketTimestamp,
                        boolean empty, Alignment alignment, long alignTimestamp) {

    /** ALIGN: none (0), the range start, the range end, or an explicit timestamp. */
    public enum Alignment { DEFAULT, START, END, TIMESTAMP }

    public AggregationQuery {
        aggregators = List.copyOf(aggregators);
    }

    public int width() {
        return aggregators.size();
    }

    /** The engine's spec with ALIGN resolved against the query's {@code from} and {@code to}. */
    public AggregationSpec spec(long from, long to) {
        long align = switch (alignment) {
            case DEFAULT -> 0;
            case START -> from;
            case END -> to;
            case TIMESTAMP -> alignTimestamp;
        };
        return new AggregationSpec(aggregators, bucketDuration, align, bucketTimestamp, empty);
    }
}
