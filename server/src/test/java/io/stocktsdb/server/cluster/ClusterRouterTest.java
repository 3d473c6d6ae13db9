package io.stocktsdb.server.cluster;

import io.stocktsdb.server.command.Errors;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stocktsdb.engine.key.HashSlot;
import io.stocktsdb.resp.RespRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterRouterTest {
    /** Slot 0..8191 on shard 0 (a1 a2 a3), 8192..16383 on shard 1 (b1 b2 b3). */
    private static final String TOPOLOGY = "{\"version\":1,\"shards\":["
            + "{\"raft_group_id\":\"11111111-1111-1111-1111-111111111111\",\"slots\":[[0,8191]],\"members\":["
            + m("a1", 7000) + "," + m("a2", 7001) + "," + m("a3", 7002) + "]},"
            + "{\"raft_group_id\":\"22222222-2222-2222-2222-222222222222\",\"slots\":[[8192,16383]],\"members\":["
            + m("b1", 7003) + "," + m("b2", 7004) + "," + m("b3", 7005) + "]}]}";

    private static String m(String id, int port) {
        return "{\"node_id\":\"" + id + "\",\"host\":\"127.0.0.1\",\"port\":" + port + ",\"raft_port\":" + (port + 10000) + "}";
    }

    /** A hand-driven ShardRoles. */
    static final class FakeRoles implements ShardRoles {
        final Map<Integer, String> leaders = new HashMap<>();
        boolean ready = true;

        @Override
        public String leader(int shardId) { return leaders.get(shardId); }

        @Override
        public boolean localLeaderReady(int shardId) { return ready; }

        @Override
        public ShardState state(int shardId) { return new ShardState(shardId, leaders.get(shardId), 1, 1, 1, List.of(), -1, -1, ready); }
    }

    record Cmd(int firstKey, int lastKey, int step, boolean writes) implements RoutedCommand {}

    private static final Cmd GET = new Cmd(1, 1, 1, false);
    private static final Cmd SET = new Cmd(1, 1, 1, true);
    private static final Cmd MSET = new Cmd(1, -1, 2, true);
    private static final Cmd MGET = new Cmd(1, -1, 1, false);
    private static final Cmd PING = new Cmd(0, 0, 0, false);

    private final FakeRoles roles = new FakeRoles();
    private ClusterRouter router;
    private final ConnectionRouting conn = new ConnectionRouting();
    /** "a" hashes to 15495 (shard 1), "b" to 3300 (shard 0), "{b}x" to 3300. */
    private static final int SLOT_A = HashSlot.of("a".getBytes(StandardCharsets.US_ASCII));
    private static final int SLOT_B = HashSlot.of("b".getBytes(StandardCharsets.US_ASCII));

    @BeforeEach
    void setUp() throws Exception {
        router = new ClusterRouter(TopologyLoader.parse(new ObjectMapper().readTree(TOPOLOGY), "a1"), roles);
        roles.leaders.put(0, "a1");
        roles.leaders.put(1, "b2");
    }

    private static RespRequest req(String... args) {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) b[i] = args[i].getBytes(StandardCharsets.UTF_8);
        return RespRequest.of(b);
    }

    @Test
    void slotsOfTheTestKeys() {
        assertThat(SLOT_A).isEqualTo(15495);
        assertThat(SLOT_B).isEqualTo(3300);
    }

    @Test
    void keysOfMyShardRunHereWhenILead() {
        Route r = router.route(SET, req("SET", "b", "1"), conn);
        assertThat(r.kind()).isEqualTo(Route.Kind.LOCAL_WRITE);
        assertThat(r.slot()).isEqualTo(SLOT_B);
        assertThat(r.shard().shardId()).isZero();
        assertThat(router.route(GET, req("GET", "b"), conn).kind()).isEqualTo(Route.Kind.LOCAL_READ);
    }

    @Test
    void keysOfAnotherShardAreMovedToItsLeader() {
        Route r = router.route(GET, req("GET", "a"), conn);
        assertThat(r.kind()).isEqualTo(Route.Kind.REFUSED);
        assertThat(error(r)).isEqualTo("MOVED 15495 127.0.0.1:7004");
        // READONLY does not make another shard's keys local
        conn.readonly(true);
        assertThat(error(router.route(GET, req("GET", "a"), conn))).isEqualTo("MOVED 15495 127.0.0.1:7004");
    }

    @Test
    void aFollowerMovesToItsLeaderUnlessReadonlyRead() {
        roles.leaders.put(0, "a3");
        assertThat(error(router.route(GET, req("GET", "b"), conn))).isEqualTo("MOVED 3300 127.0.0.1:7002");
        conn.readonly(true);
        assertThat(router.route(GET, req("GET", "b"), conn).kind()).isEqualTo(Route.Kind.FOLLOWER_READ);
        assertThat(error(router.route(SET, req("SET", "b", "1"), conn))).isEqualTo("MOVED 3300 127.0.0.1:7002");
        conn.readonly(false);
        assertThat(error(router.route(GET, req("GET", "b"), conn))).isEqualTo("MOVED 3300 127.0.0.1:7002");
    }

    @Test
    void noLeaderIsReportedNotRedirected() {
        roles.leaders.remove(0);
        roles.leaders.remove(1);
        assertThat(router.route(SET, req("SET", "b", "1"), conn).kind()).isEqualTo(Route.Kind.NO_LEADER);
        assertThat(router.route(GET, req("GET", "a"), conn).kind()).isEqualTo(Route.Kind.NO_LEADER);
        // a partitioned follower keeps serving READONLY reads
        conn.readonly(true);
        assertThat(router.route(GET, req("GET", "b"), conn).kind()).isEqualTo(Route.Kind.FOLLOWER_READ);
        assertThat(router.route(SET, req("SET", "b", "1"), conn).kind()).isEqualTo(Route.Kind.NO_LEADER);
    }

    @Test
    void aLeaderStillReplayingIsNotServing() {
        roles.ready = false;
        assertThat(router.route(SET, req("SET", "b", "1"), conn).kind()).isEqualTo(Route.Kind.NO_LEADER);
    }

    @Test
    void keysInDifferentSlotsAreCrossSlot() {
        assertThat(error(router.route(MSET, req("MSET", "b", "1", "a", "2"), conn)))
                .isEqualTo("CROSSSLOT Keys in request don't hash to the same slot");
        // same slot on another shard still moves; values are not keys
        assertThat(error(router.route(MSET, req("MSET", "{a}1", "b", "{a}2", "b"), conn))).isEqualTo("MOVED 15495 127.0.0.1:7004");
        assertThat(router.route(MGET, req("MGET", "{b}1", "{b}2", "b"), conn).kind()).isEqualTo(Route.Kind.LOCAL_READ);
    }

    @Test
    void keylessCommandsAreNotRouted() {
        assertThat(router.route(PING, req("PING"), conn)).isSameAs(Route.KEYLESS);
        assertThat(router.route(MGET, req("MGET"), conn)).isSameAs(Route.KEYLESS);
    }

    @Test
    void aTransactionIsRoutedAsAWhole() {
        assertThat(router.routeAll(List.of(PING, GET, SET), List.of(req("PING"), req("GET", "b"), req("SET", "{b}x", "1")), conn).kind())
                .isEqualTo(Route.Kind.LOCAL_WRITE);
        assertThat(error(router.routeAll(List.of(GET, SET), List.of(req("GET", "b"), req("SET", "a", "1")), conn)))
                .isEqualTo("CROSSSLOT Keys in request don't hash to the same slot");
        assertThat(error(router.routeAll(List.of(GET), List.of(req("GET", "a")), conn))).isEqualTo("MOVED 15495 127.0.0.1:7004");
        assertThat(router.routeAll(List.of(PING), List.of(req("PING")), conn)).isSameAs(Route.KEYLESS);
        assertThat(router.routeAll(List.of(), List.of(), conn)).isSameAs(Route.KEYLESS);
    }

    /** The reply text of a refused route (the router gives a code; the text is in the error table). */
    private static String error(Route r) {
        return Errors.of(r.refusal());
    }
}
