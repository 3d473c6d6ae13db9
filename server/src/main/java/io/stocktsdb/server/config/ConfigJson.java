package io.stocktsdb.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Settings in the config file's own form: snake_case keys, no nulls (an absent field inherits),
 * numbers as numbers and yes/no as booleans. What CONFIG GET prints for the JSON-valued settings
 * and what CONFIG REWRITE writes can therefore be pasted back into the file.
 */
public final class ConfigJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private ConfigJson() {}

    /** One setting's value as the config file writes it. */
    @SuppressWarnings("unchecked")
    public static JsonNode value(ConfigField field, Object v) {
        switch (field.kind()) {
            case INT:
            case LONG:
            case MEMORY: return NODES.numberNode(((Number) v).longValue());
            case BOOL: return NODES.booleanNode((Boolean) v);
            case OUTPUT_BUFFER_LIMITS: return NODES.textNode(((OutputBufferLimits) v).render());
            case NODES: return nodes((List<ClusterNode>) v);
            case BUSINESS_TYPES: return businessTypes((List<BusinessTypeConfig>) v);
            default: return NODES.textNode(String.valueOf(v));
        }
    }

    private static ArrayNode nodes(List<ClusterNode> nodes) {
        ArrayNode out = NODES.arrayNode();
        for (ClusterNode n : nodes) {
            ObjectNode o = out.addObject();
            if (!n.nodeId().isEmpty()) o.put("node_id", n.nodeId());
            o.put("host", n.host());
            o.put("port", n.port());
        }
        return out;
    }

    private static ArrayNode businessTypes(List<BusinessTypeConfig> types) {
        ArrayNode out = NODES.arrayNode();
        for (BusinessTypeConfig b : types) {
            ObjectNode o = out.addObject();
            o.put("name", b.name());
            o.put("prefix", b.prefix());
            if (b.retentionMs() != null) o.put("retention_ms", b.retentionMs());
            if (b.chunkSizeBytes() != null) o.put("chunk_size_bytes", b.chunkSizeBytes());
            if (b.duplicatePolicy() != null) o.put("duplicate_policy", b.duplicatePolicy());
            if (b.encoding() != null) o.put("encoding", b.encoding());
            if (b.timestampUnit() != null) o.put("timestamp_unit", b.timestampUnit());
            if (b.calendar() != null) o.put("calendar", b.calendar());
            if (b.timezone() != null) o.put("timezone", b.timezone());
            if (b.sessions() != null) o.put("sessions", b.sessions());
        }
        return out;
    }

    /** One line, as CONFIG GET prints it. */
    public static String compact(JsonNode node) {
        try {
            return COMPACT.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Indented, as CONFIG REWRITE writes the file. */
    public static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
