package io.stocktsdb.server;

import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.net.Client;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** enable-debug-command as Redis: yes, no, or local (connections from a loopback address). */
final class ProtectedCommands {
    private ProtectedCommands() {}

    static boolean allowed(ServerContext server, Client client) {
        switch (server.settings().getString(ConfigFields.ENABLE_DEBUG_COMMAND)) {
            case "yes": return true;
            case "local": {
                SocketAddress peer = client.channel().remoteAddress();
                return peer instanceof InetSocketAddress i && i.getAddress() != null && i.getAddress().isLoopbackAddress();
            }
            default: return false;
        }
    }
}
