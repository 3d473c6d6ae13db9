package io.stocktsdb.server.transport;

/** The op log's group commit as the network layer sees it. */
public interface DurabilityBarrier {
    /** True when every write up to {@code seq} is already committed. */
    boolean isDurable(long seq);

    /** Blocks until every write up to {@code seq} is committed. */
    void awaitDurable(long seq);
}
