package io.stocktsdb.server.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.stocktsdb.engine.CommandClock;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;

/**
 * Runs a replicated entry's commands through the normal handlers on a connection of its own
 * (no socket: its replies are captured), with the command clock fixed at the entry's instant.
 * Used by the apply thread only.
 */
final class EntryApplier {
    private final ServerContext server;
    private Client client;

    EntryApplier(ServerContext server) {
        this.server = server;
    }

    /** The entry's reply bytes, exactly as the requesting client must receive them. */
    byte[] apply(ReplicatedEntry entry) {
        Client c = client();
        ByteBuf buf = Unpooled.buffer(64);
        RespWriter out = c.out();
        out.target(buf);
        out.protocol(entry.protocol());
        try {
            CommandClock.runAt(entry.nowMs(), () -> {
                if (entry.transaction()) out.arrayHeader(entry.items().size());
                for (ReplicatedEntry.Item item : entry.items()) {
                    if (item.error() != null) out.error(item.error());
                    else run(c, item.argv());
                }
            });
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            out.target(null);
            buf.release();
        }
    }

    private void run(Client c, byte[][] argv) {
        RespRequest req = RespRequest.of(argv);
        CommandSpec spec = server.registry().lookup(req);
        if (spec != null && spec.isContainer()) spec = CommandRegistry.lookupSubcommand(spec, req);
        if (spec == null || spec.handler() == null) {
            c.out().error(Errors.unknownCommand(req));
            return;
        }
        server.dispatcher().execute(c, spec, req);
    }

    private Client client() {
        if (client == null) client = new Client(0, new EmbeddedChannel(), server.acl().defaultUser(), true);
        return client;
    }
}
