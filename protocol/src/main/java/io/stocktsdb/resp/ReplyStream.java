package io.stocktsdb.resp;

/**
 * A reply written in slices as the connection accepts them, instead of all at once: a command
 * hands one to {@link RespWriter#stream} as the last thing it writes, and the connection pulls
 * slices while its socket is writable, so a reply of any size starts leaving at once and holds
 * only what is in flight. The stream owns a consistent view of its data (taken when the command
 * ran), so later writes never change what it sends.
 */
public interface ReplyStream {
    /**
     * Writes the next part of the reply through {@code out} (its target is set), stopping once
     * about {@code budgetBytes} were written; returns true when the reply is complete.
     */
    boolean writeSome(RespWriter out, int budgetBytes);

    /** Drops what the stream holds when the connection goes away before the reply is complete. */
    default void abandon() {}
}
