package io.stocktsdb.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.config.ConfigFields;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** CLUSTER_INFO's live node state and CLUSTER's standalone answer. */
class ClusterInfoIT {
    /** Bulk strings of a flat RESP array reply. */
    private static List<String> bulks(String reply) {
        List<String> out = new ArrayList<>();
        String[] lines = reply.split("\r\n");
        assertThat(lines[0]).startsWith("*");
        for (int i = 1; i < lines.length; i += 2) {
            assertThat(lines[i]).startsWith("$");
            out.add(lines[i + 1]);
        }
        assertThat(out).hasSize(Integer.parseInt(lines[0].substring(1)));
        return out;
    }

    @Test
    @Covers({"cluster_info"})
    void clusterInfoReportsLiveNodeState() throws Exception {
        try (TestServer server = TestServer.start(ConfigFields.NODE_ID, "edge-7",
                ConfigFields.CLUSTER_NODES, "[{\"host\":\"127.0.0.1\",\"port\":7001},{\"host\":\"127.0.0.1\",\"port\":7002}]");
             RawClient c = new RawClient(server.port()); RawClient other = new RawClient(server.port())) {
            other.call("PING");
            c.call("SET", "a", "1");
            List<String> f = bulks(c.call("CLUSTER_INFO"));
            assertThat(f.subList(0, 5)).containsExactly("node_id:edge-7", "cluster_state:ok", "cluster_size:1",
                    "current_connections:2", "total_commands:2");
            assertThat(f.subList(5, f.size())).containsExactly("cluster_enabled:0", "cluster_mode:standalone",
                    "cluster_known_nodes:1", "configured_peers:2", "role:master", "bind_addr:127.0.0.1",
                    "tcp_port:" + server.port(), f.get(12), "total_keys:1", "total_series:0", "business_types:8",
                    "redis_version:8.2.5", "stocktsdb_version:0.1.0");
            assertThat(f.get(12)).matches("uptime_in_seconds:\\d+");
            c.call("SET", "b", "1");
            other.close();
            // the close is processed asynchronously: wait (bounded) until the server saw it
            List<String> again = bulks(c.call("CLUSTER_INFO"));
            for (int i = 0; i < 100 && !again.get(3).equals("current_connections:1"); i++) {
                Thread.sleep(20);
                again = bulks(c.call("CLUSTER_INFO"));
            }
            assertThat(again.get(3)).isEqualTo("current_connections:1");
            assertThat(Long.parseLong(again.get(4).substring("total_commands:".length()))).isGreaterThanOrEqualTo(4);
            assertThat(again).contains("total_keys:2");
            assertThat(c.call("CLUSTER_INFO", "x")).isEqualTo("-ERR wrong number of arguments for 'cluster_info' command\r\n");
        }
    }

    @Test
    @Covers({"cluster|countkeysinslot", "cluster|getkeysinslot", "cluster|help", "cluster|info", "cluster|keyslot", "cluster|myid", "cluster|myshardid", "cluster|nodes", "cluster|shards", "cluster|slots", "cluster"})
    void clusterSubcommandsAnswerAsAStandaloneRedis() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            String disabled = "-ERR This instance has cluster support disabled\r\n";
            String info = c.call("CLUSTER", "INFO");
            assertThat(info).startsWith("$").contains("node_id:stocktsdb_node_001\r\ncluster_state:ok\r\ncluster_size:1\r\n")
                    .contains("current_connections:1\r\n").contains("cluster_enabled:0\r\n");
            for (String sub : new String[] {"HELP", "MYSHARDID"}) assertThat(c.call("CLUSTER", sub)).isEqualTo(disabled);
            for (String cmd : new String[] {"READONLY", "READWRITE", "ASKING"}) assertThat(c.call(cmd)).isEqualTo(disabled);
            // no cluster bus: Raft carries replication, so there are no bus links to list
            assertThat(c.call("CLUSTER", "LINKS")).startsWith("-ERR unknown subcommand 'LINKS'. Try CLUSTER HELP.");
            assertThat(c.call("CLUSTER", "COUNTKEYSINSLOT", "0")).isEqualTo(disabled);
            assertThat(c.call("CLUSTER", "GETKEYSINSLOT", "0", "10")).isEqualTo(disabled);
            assertThat(c.call("cluster", "slots")).isEqualTo(disabled);
            assertThat(c.call("CLUSTER", "NODES")).isEqualTo(disabled);
            assertThat(c.call("CLUSTER", "SHARDS")).isEqualTo(disabled);
            assertThat(c.call("CLUSTER", "MYID")).isEqualTo(disabled);
            assertThat(c.call("CLUSTER", "KEYSLOT", "foo")).isEqualTo(disabled);
            assertThat(c.call("CLUSTER", "KEYSLOT")).isEqualTo("-ERR wrong number of arguments for 'cluster|keyslot' command\r\n");
            assertThat(c.call("CLUSTER", "NOPE")).startsWith("-ERR unknown subcommand 'NOPE'. Try CLUSTER HELP.");
            assertThat(c.call("INFO", "cluster")).contains("cluster_enabled:0");
        }
    }

    @Test
    void jedisReadsClusterInfo() {
        try (TestServer server = TestServer.start(); Jedis j = new Jedis("127.0.0.1", server.port())) {
            Object reply = j.sendCommand(() -> redis.clients.jedis.util.SafeEncoder.encode("CLUSTER_INFO"));
            assertThat(reply).isInstanceOf(List.class);
            assertThat(new String((byte[]) ((List<?>) reply).get(0))).isEqualTo("node_id:stocktsdb_node_001");
        }
    }
}
