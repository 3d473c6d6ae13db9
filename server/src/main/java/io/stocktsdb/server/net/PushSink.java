package io.stocktsdb.server.net;

/**
 * Where out-of-band messages for a connection go (Pub/Sub messages, MONITOR lines): callable from
 * any thread; the connection writes each frame whole, between replies, in the order pushed.
 */
public interface PushSink {
    /** Queues an already-encoded frame for the connection. */
    void push(byte[] frame);
}
