package io.stocktsdb.server.net;

/** Blocks until every write up to an op-log sequence number is committed (group commit). */
@FunctionalInterface
public interface DurabilityBarrier {
    void awaitDurable(long seq);
}
