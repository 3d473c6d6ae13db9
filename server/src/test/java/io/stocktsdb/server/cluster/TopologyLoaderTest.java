package io.stocktsdb.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stocktsdb.server.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyLoaderTest {
    private static final String G1 = "11111111-1111-1111-1111-111111111111";
    private static final String G2 = "22222222-2222-2222-2222-222222222222";

    private static String member(String id, int port) {
        return "{\"node_id\":\"" + id + "\",\"host\":\"127.0.0.1\",\"port\":" + port + ",\"raft_port\":" + (port + 10000) + "}";
    }

    private static String shard(String group, String slots, String... members) {
        return "{\"raft_group_id\":\"" + group + "\",\"slots\":" + slots + ",\"members\":[" + String.join(",", members) + "]}";
    }

    private static String topology(String... shards) {
        return "{\"version\":3,\"shards\":[" + String.join(",", shards) + "]}";
    }

    private static final String TWO_SHARDS = topology(
            shard(G1, "[[0,5000],[10001,16383]]", member("a1", 7000), member("a2", 7001), member("a3", 7002)),
            shard(G2, "[[5001,10000]]", member("b1", 7003)));

    private static Topology parse(String json, String me) throws Exception {
        return TopologyLoader.parse(new ObjectMapper().readTree(json), me);
    }

    private static void refused(String json, String me, String message) {
        assertThatThrownBy(() -> parse(json, me)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void validTopologyMapsEverySlot() throws Exception {
        Topology t = parse(TWO_SHARDS, "a2");
        assertThat(t.version()).isEqualTo(3);
        assertThat(t.shards()).hasSize(2);
        assertThat(t.myShard().shardId()).isZero();
        assertThat(t.myself()).isEqualTo(new Topology.Member("a2", "127.0.0.1", 7001, 17001));
        assertThat(t.shardOfSlot(0).shardId()).isZero();
        assertThat(t.shardOfSlot(5000).shardId()).isZero();
        assertThat(t.shardOfSlot(5001).shardId()).isEqualTo(1);
        assertThat(t.shardOfSlot(10000).shardId()).isEqualTo(1);
        assertThat(t.shardOfSlot(10001).shardId()).isZero();
        assertThat(t.shardOfSlot(16383).shardId()).isZero();
        assertThat(t.shard(0).slotCount() + t.shard(1).slotCount()).isEqualTo(16384);
        assertThat(t.members()).extracting(Topology.Member::nodeId).containsExactly("a1", "a2", "a3", "b1");
        assertThat(t.shardOf("b1").raftGroupId()).isEqualTo(G2);
        assertThat(t.shardOf("zz")).isNull();
    }

    @Test
    void loadsFromAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("topology.json");
        Files.writeString(f, TWO_SHARDS);
        assertThat(TopologyLoader.load(f, "b1").myShard().shardId()).isEqualTo(1);
        Files.writeString(f, "{\"version\":1,");
        assertThatThrownBy(() -> TopologyLoader.load(f, "b1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read cluster topology " + f);
        assertThatThrownBy(() -> TopologyLoader.load(dir.resolve("missing.json"), "b1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.json");
    }

    @Test
    void rangesMustTileEverySlotExactlyOnce() {
        refused(topology(shard(G1, "[[0,100]]", member("a", 1)), shard(G2, "[[102,16383]]", member("b", 2))), "a",
                "slots 101 are not assigned to any shard");
        refused(topology(shard(G1, "[[0,8000]]", member("a", 1))), "a", "slots 8001-16383 are not assigned to any shard");
        refused(topology(shard(G1, "[[0,9000]]", member("a", 1)), shard(G2, "[[9000,16383]]", member("b", 2))), "a",
                "shards[1].slots [9000,16383] overlaps shards[0] at slot 9000");
        refused(topology(shard(G1, "[[0,16383],[5,6]]", member("a", 1))), "a", "overlaps another range of the same shard at slot 5");
        refused(topology(shard(G1, "[[0,16384]]", member("a", 1))), "a", "must satisfy 0 <= start <= end <= 16383");
        refused(topology(shard(G1, "[[10,5]]", member("a", 1))), "a", "must satisfy 0 <= start <= end <= 16383");
        refused(topology(shard(G1, "[[0]]", member("a", 1))), "a", "must be a [start, end] pair of integers");
        refused(topology(shard(G1, "[]", member("a", 1))), "a", "shards[0].slots must be a non-empty array");
    }

    @Test
    void myNodeMustBeAMember() {
        refused(TWO_SHARDS, "zz", "node_id 'zz' is not a member of any shard");
        refused(TWO_SHARDS, null, "node_id 'null' is not a member of any shard");
    }

    @Test
    void everyShardNeedsMembers() {
        refused(topology(shard(G1, "[[0,16383]]")), "a", "shards[0] has no members");
        refused("{\"version\":1,\"shards\":[{\"raft_group_id\":\"" + G1 + "\",\"slots\":[[0,16383]]}]}", "a", "shards[0] has no members");
    }

    @Test
    void addressesAndIdsMustBeUnique() {
        refused(topology(shard(G1, "[[0,16383]]", member("a", 7000), member("a", 7001))), "a", "node_id 'a' appears twice");
        refused(topology(shard(G1, "[[0,16383]]", member("a", 7000), member("b", 7000))), "a",
                "shards[0].members[1].port: address 127.0.0.1:7000 is already used by node 'a'");
        // b's RESP port is a's Raft port
        refused(topology(shard(G1, "[[0,16383]]", member("a", 7000), member("b", 17000))), "a",
                "address 127.0.0.1:17000 is already used by node 'a'");
        refused(topology(shard(G1, "[[0,8191]]", member("a", 7000)), shard(G1, "[[8192,16383]]", member("b", 7001))), "a",
                "shards[1].raft_group_id '" + G1 + "' is used by another shard");
    }

    @Test
    void malformedFieldsAreNamed() {
        refused("[]", "a", "must hold one JSON object");
        refused("{\"shards\":[]}", "a", "'version' must be a non-negative integer");
        refused("{\"version\":\"1\",\"shards\":[]}", "a", "'version' must be a non-negative integer");
        refused("{\"version\":1,\"shards\":[]}", "a", "'shards' must be a non-empty array");
        refused("{\"version\":1,\"shards\":[],\"extra\":1}", "a", "unknown field 'extra' in the topology");
        refused(topology(shard("not-a-uuid", "[[0,16383]]", member("a", 1))), "a", "shards[0].raft_group_id 'not-a-uuid' is not a UUID");
        refused(topology(shard(G1, "[[0,16383]]", "{\"node_id\":\"a\",\"host\":\"h\",\"port\":70000,\"raft_port\":1}")), "a",
                "shards[0].members[0].port must be an integer between 1 and 65535");
        refused(topology(shard(G1, "[[0,16383]]", "{\"node_id\":\"a\",\"host\":\"h\",\"port\":1}")), "a",
                "shards[0].members[0].raft_port must be an integer between 1 and 65535");
        refused(topology(shard(G1, "[[0,16383]]", "{\"node_id\":\"a b\",\"host\":\"h\",\"port\":1,\"raft_port\":2}")), "a b",
                "shards[0].members[0].node_id 'a b' must be 1 to 64 of [A-Za-z0-9_.:-]");
        refused(topology(shard(G1, "[[0,16383]]", "{\"node_id\":\"a\",\"host\":\"\",\"port\":1,\"raft_port\":2}")), "a",
                "shards[0].members[0].host must be a non-empty string");
        refused(topology(shard(G1, "[[0,16383]]", "{\"node_id\":\"a\",\"host\":\"h\",\"port\":1,\"raft_port\":2,\"x\":1}")), "a",
                "unknown field 'x' in shards[0].members[0]");
    }
}
