package io.stocktsdb.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stocktsdb.engine.key.HashSlot;
import io.stocktsdb.server.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads and validates a topology file:
 * <pre>{
 *   "version": 1,
 *   "shards": [
 *     {"raft_group_id": "3f1c...-uuid", "slots": [[0, 8191]],
 *      "members": [{"node_id": "n1", "host": "127.0.0.1", "port": 7000, "raft_port": 17000}, ...]},
 *     ...
 *   ]
 * }</pre>
 * Every problem is refused with a message naming the field (and the file).
 */
public final class TopologyLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP_FIELDS = Set.of("version", "shards");
    private static final Set<String> SHARD_FIELDS = Set.of("raft_group_id", "slots", "members");
    private static final Set<String> MEMBER_FIELDS = Set.of("node_id", "host", "port", "raft_port");
    /** Node ids appear in CLUSTER NODES lines and MOVED targets: no spaces, commas or '@'. */
    private static final String NODE_ID_PATTERN = "[A-Za-z0-9_.:-]{1,64}";

    private TopologyLoader() {}

    /** Loads {@code file} for the node {@code myselfNodeId}. */
    public static Topology load(Path file, String myselfNodeId) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read cluster topology " + file + ": " + e.getMessage());
        }
        try {
            return parse(root, myselfNodeId);
        } catch (ConfigException e) {
            throw new ConfigException("cluster topology " + file + ": " + e.getMessage());
        }
    }

    /** Validates an already parsed topology document. */
    public static Topology parse(JsonNode root, String myselfNodeId) {
        if (root == null || !root.isObject()) throw new ConfigException("must hold one JSON object");
        checkFields(root, TOP_FIELDS, "the topology");
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber() || version.asLong() < 0) {
            throw new ConfigException("'version' must be a non-negative integer");
        }
        JsonNode shardsNode = root.get("shards");
        if (shardsNode == null || !shardsNode.isArray() || shardsNode.isEmpty()) {
            throw new ConfigException("'shards' must be a non-empty array");
        }
        List<Topology.Shard> shards = new ArrayList<>();
        Set<String> nodeIds = new HashSet<>();
        Map<String, String> addresses = new HashMap<>();
        Set<String> groupIds = new HashSet<>();
        int[] owner = new int[HashSlot.SLOTS];
        java.util.Arrays.fill(owner, -1);
        for (JsonNode s : shardsNode) {
            int shardId = shards.size();
            String where = "shards[" + shardId + "]";
            if (!s.isObject()) throw new ConfigException(where + " must be an object");
            checkFields(s, SHARD_FIELDS, where);
            String group = text(s, "raft_group_id", where);
            try {
                UUID.fromString(group);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + ".raft_group_id '" + group + "' is not a UUID");
            }
            if (!groupIds.add(group.toLowerCase(java.util.Locale.ROOT))) {
                throw new ConfigException(where + ".raft_group_id '" + group + "' is used by another shard");
            }
            List<Topology.SlotRange> ranges = slotRanges(s.get("slots"), where, shardId, owner);
            JsonNode membersNode = s.get("members");
            if (membersNode == null || !membersNode.isArray() || membersNode.isEmpty()) {
                throw new ConfigException(where + " has no members");
            }
            List<Topology.Member> members = new ArrayList<>();
            for (JsonNode m : membersNode) {
                String mw = where + ".members[" + members.size() + "]";
                if (!m.isObject()) throw new ConfigException(mw + " must be an object");
                checkFields(m, MEMBER_FIELDS, mw);
                String id = text(m, "node_id", mw);
                if (!id.matches(NODE_ID_PATTERN)) {
                    throw new ConfigException(mw + ".node_id '" + id + "' must be 1 to 64 of [A-Za-z0-9_.:-]");
                }
                if (!nodeIds.add(id)) throw new ConfigException("node_id '" + id + "' appears twice (" + mw + ")");
                String host = text(m, "host", mw);
                int port = port(m, "port", mw);
                int raftPort = port(m, "raft_port", mw);
                claim(addresses, host + ":" + port, id, mw + ".port");
                claim(addresses, host + ":" + raftPort, id, mw + ".raft_port");
                members.add(new Topology.Member(id, host, port, raftPort));
            }
            shards.add(new Topology.Shard(shardId, group, ranges, members));
        }
        for (int slot = 0; slot < HashSlot.SLOTS; slot++) {
            if (owner[slot] < 0) {
                int end = slot;
                while (end + 1 < HashSlot.SLOTS && owner[end + 1] < 0) end++;
                throw new ConfigException("slots " + slot + (end > slot ? "-" + end : "") + " are not assigned to any shard;"
                        + " the ranges must cover 0-16383 exactly once");
            }
        }
        if (myselfNodeId == null || !nodeIds.contains(myselfNodeId)) {
            throw new ConfigException("node_id '" + myselfNodeId + "' is not a member of any shard");
        }
        return new Topology(version.asLong(), shards, myselfNodeId);
    }

    private static List<Topology.SlotRange> slotRanges(JsonNode node, String where, int shardId, int[] owner) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new ConfigException(where + ".slots must be a non-empty array of [start, end] ranges");
        }
        List<Topology.SlotRange> ranges = new ArrayList<>();
        for (JsonNode r : node) {
            String rw = where + ".slots " + r;
            if (!r.isArray() || r.size() != 2 || !r.get(0).isIntegralNumber() || !r.get(1).isIntegralNumber()) {
                throw new ConfigException(rw + " must be a [start, end] pair of integers");
            }
            long start = r.get(0).asLong();
            long end = r.get(1).asLong();
            if (start < 0 || end >= HashSlot.SLOTS || start > end) {
                throw new ConfigException(rw + " must satisfy 0 <= start <= end <= 16383");
            }
            for (int slot = (int) start; slot <= end; slot++) {
                if (owner[slot] >= 0) {
                    throw new ConfigException(rw + " overlaps " + (owner[slot] == shardId ? "another range of the same shard" : "shards[" + owner[slot] + "]")
                            + " at slot " + slot + "; the ranges must cover 0-16383 exactly once");
                }
                owner[slot] = shardId;
            }
            ranges.add(new Topology.SlotRange((int) start, (int) end));
        }
        ranges.sort(java.util.Comparator.comparingInt(Topology.SlotRange::start));
        return ranges;
    }

    private static void claim(Map<String, String> addresses, String address, String nodeId, String where) {
        String previous = addresses.putIfAbsent(address, nodeId);
        if (previous != null) {
            throw new ConfigException(where + ": address " + address + " is already used by node '" + previous + "'");
        }
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) throw new ConfigException("unknown field '" + f + "' in " + where);
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new ConfigException(where + "." + field + " must be a non-empty string");
        }
        return v.asText();
    }

    private static int port(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > 65535) {
            throw new ConfigException(where + "." + field + " must be an integer between 1 and 65535");
        }
        return v.asInt();
    }
}
