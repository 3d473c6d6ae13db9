package io.stocktsdb.server.transport;

import io.netty.buffer.ByteBuf;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.net.Client;

/** The connection's buffer figures that INFO and CLIENT LIST show, kept as Redis keeps them. */
final class BufferAccounting {
    private BufferAccounting() {}

    /** Reply bytes handed to the socket. */
    static void countOutput(ServerContext server, Client client, long bytes) {
        server.stats().netOutputBytes.add(bytes);
        client.buffers().netOut += bytes;
        client.buffers().outputBatchBytes = 0;
    }

    /**
     * What CLIENT LIST shows while a command runs, as Redis: the query buffer still holds the
     * command (qbuf counts it), its arguments' bytes (argv-mem), the batch's pending replies (obl).
     */
    static void noteCommand(Client client, ByteBuf input, RespRequest req, ByteBuf out) {
        var b = client.buffers();
        int readable = input.readableBytes();
        client.queryBufferBytes(readable);
        b.readBufferSize = input.capacity();
        b.readBufferFree = input.writableBytes();
        if (readable > b.readBufferPeak) b.readBufferPeak = readable;
        long argv = 0;
        for (int i = 0; i < req.argc(); i++) argv += req.length(i);
        b.argvMem = argv;
        b.outputBatchBytes = out.readableBytes();
        b.outputBatchCapacity = out.capacity();
    }

    /** The input is consumed: no query buffer left. */
    static void inputReleased(Client client) {
        client.queryBufferBytes(0);
        client.buffers().readBufferSize = 0;
        client.buffers().readBufferFree = 0;
    }
}
