package io.stocktsdb.server.replication;

import org.apache.ratis.grpc.server.GrpcServerProtocolClient;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerRpcWithProxy;

import java.io.IOException;
import java.util.List;

/**
 * Keeps this node's Raft channels to its peers out of gRPC's reconnect back-off. A channel whose
 * peer was unreachable waits ever longer (1 s growing by 1.6x, up to 2 min) before it connects
 * again, and a vote request sent meanwhile fails at once: after a peer restarted, an election
 * that needs its vote failed until the back-off expired (rounds of 15 s). Ratis resets the
 * back-off only for a leader's appends, so this node resets it for every peer, often: on a
 * connected channel it costs nothing, on a dead peer's one connection attempt.
 */
final class PeerChannels {
    private final RaftServer server;
    private final List<RaftPeerId> peers;

    PeerChannels(RaftServer server, List<RaftPeerId> peers) {
        this.server = server;
        this.peers = List.copyOf(peers);
    }

    void resetBackoff() {
        if (!(server.getServerRpc() instanceof RaftServerRpcWithProxy<?, ?> rpc)) return;
        for (RaftPeerId id : peers) {
            try {
                if (rpc.getProxies().getProxy(id) instanceof GrpcServerProtocolClient c) c.resetConnectBackoff();
            } catch (IOException | RuntimeException e) {
                // no channel now (starting, closing): the next round tries again
            }
        }
    }
}
