package io.stocktsdb.server.net;

/**
 * What CLIENT LIST reports of a connection's buffers and traffic (Redis's qbuf-free, argv-mem,
 * multi-mem, rbs, rbp, obl, io-thread, tot-net-in, tot-net-out, tot-cmds). Written only by the
 * connection's event loop, read by CLIENT LIST from any thread.
 */
public final class ClientBuffers {
    /** Bytes of the arguments of the command being executed (0 between commands). */
    public volatile long argvMem;
    /** Bytes of the arguments of the commands queued since MULTI. */
    public volatile long multiMem;
    /** Capacity of the input buffer, and its free space after the bytes read. */
    public volatile long readBufferSize;
    public volatile long readBufferFree;
    /** Most bytes the input buffer held at once. */
    public volatile long readBufferPeak;
    /** Replies of the current batch not yet handed to the socket, and the capacity holding them. */
    public volatile long outputBatchBytes;
    public volatile long outputBatchCapacity;
    /** Which event loop serves the connection. */
    public volatile int ioThread;
    public volatile long netIn;
    public volatile long netOut;
    public volatile long commands;
}
