package io.stocktsdb.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An immutable set of configuration values. Start-up builds one from defaults, then the JSON
 * file, then flags; {@code CONFIG SET} publishes a new instance with one value changed.
 */
public final class Settings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<ConfigField, Object> values;
    private final String configFile;
    /** Fields given in the JSON file, as a flag or by CONFIG SET (not left at their default). */
    private final Set<ConfigField> explicit;

    // Read for every command or read batch: kept in fields, not looked up in the map each time.
    private final long protoMaxBulkLen;
    private final long slowlogSlowerThan;
    private final OutputBufferLimits.Limit normalOutputLimit;

    private Settings(Map<ConfigField, Object> values, String configFile, Set<ConfigField> explicit) {
        this.values = Collections.unmodifiableMap(values);
        this.configFile = configFile;
        this.explicit = Collections.unmodifiableSet(explicit);
        this.protoMaxBulkLen = ((Number) values.get(ConfigFields.PROTO_MAX_BULK_LEN)).longValue();
        this.slowlogSlowerThan = ((Number) values.get(ConfigFields.SLOWLOG_LOG_SLOWER_THAN)).longValue();
        this.normalOutputLimit = ((OutputBufferLimits) values.get(ConfigFields.CLIENT_OUTPUT_BUFFER_LIMIT)).normal();
    }

    /** {@code proto-max-bulk-len}, as {@code getLong(PROTO_MAX_BULK_LEN)}. */
    public long protoMaxBulkLen() { return protoMaxBulkLen; }

    /** {@code slowlog-log-slower-than}, as {@code getLong(SLOWLOG_LOG_SLOWER_THAN)}. */
    public long slowlogSlowerThan() { return slowlogSlowerThan; }

    /** The normal clients' {@code client-output-buffer-limit}, as {@code outputBufferLimits().normal()}. */
    public OutputBufferLimits.Limit normalOutputLimit() { return normalOutputLimit; }

    public static Settings defaults() {
        Map<ConfigField, Object> v = new HashMap<>();
        for (ConfigField f : ConfigFields.all()) {
            v.put(f, f.kind() == ConfigField.Kind.BUSINESS_TYPES ? BusinessTypeDefaults.seed() : f.defaultValue());
        }
        return new Settings(v, "", Set.of());
    }

    /** Reads a JSON config file over these settings; unknown fields and bad values throw naming the field. */
    public Settings withJsonFile(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new ConfigException("config file " + file + " must hold one JSON object");
        Map<ConfigField, Object> v = new HashMap<>(values);
        Set<ConfigField> given = new HashSet<>(explicit);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ConfigField field = ConfigFields.byKey(e.getKey());
            if (field == null) throw new ConfigException("unknown config field '" + e.getKey() + "' in " + file);
            v.put(field, fromJson(field, e.getValue()));
            given.add(field);
        }
        return new Settings(v, file.toAbsolutePath().toString(), given);
    }

    /** One value given as text (a command-line flag or CONFIG SET). */
    public Settings with(ConfigField field, String text) {
        Map<ConfigField, Object> v = new HashMap<>(values);
        v.put(field, field.kind() == ConfigField.Kind.OUTPUT_BUFFER_LIMITS
                ? OutputBufferLimits.parse(text, (OutputBufferLimits) values.get(field), field) : parse(field, text));
        Set<ConfigField> given = new HashSet<>(explicit);
        given.add(field);
        return new Settings(v, configFile, given);
    }

    /** True when the value was asked for (config file, flag or CONFIG SET) rather than left at its default. */
    public boolean isExplicit(ConfigField field) { return explicit.contains(field); }

    public Object get(ConfigField field) { return values.get(field); }

    public int getInt(ConfigField field) { return ((Number) values.get(field)).intValue(); }

    public long getLong(ConfigField field) { return ((Number) values.get(field)).longValue(); }

    public String getString(ConfigField field) { return (String) values.get(field); }

    public OutputBufferLimits outputBufferLimits() { return (OutputBufferLimits) values.get(ConfigFields.CLIENT_OUTPUT_BUFFER_LIMIT); }

    public boolean getBool(ConfigField field) { return (Boolean) values.get(field); }

    @SuppressWarnings("unchecked")
    public List<ClusterNode> clusterNodes() { return (List<ClusterNode>) values.get(ConfigFields.CLUSTER_NODES); }

    @SuppressWarnings("unchecked")
    public List<BusinessTypeConfig> businessTypes() { return (List<BusinessTypeConfig>) values.get(ConfigFields.BUSINESS_TYPES); }

    /**
     * The config file CONFIG REWRITE writes: every field the file already has (unknown ones are
     * refused at start, so all are known) and every field set by a flag or CONFIG SET, with its
     * current value; fields left at their default stay out.
     */
    public com.fasterxml.jackson.databind.node.ObjectNode rewritten(JsonNode existing) {
        com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
        for (ConfigField f : ConfigFields.all()) {
            if (explicit.contains(f) || (existing != null && existing.has(f.key()))) out.set(f.key(), ConfigJson.value(f, values.get(f)));
        }
        return out;
    }

    /** Absolute path of the JSON file read at start, or "" when none. */
    public String configFile() { return configFile; }

    /** The value as CONFIG GET shows it. */
    public String render(ConfigField field) {
        Object v = values.get(field);
        switch (field.kind()) {
            case BOOL: return ((Boolean) v) ? "yes" : "no";
            case OUTPUT_BUFFER_LIMITS: return ((OutputBufferLimits) v).render();
            case KEYSPACE_EVENTS: return KeyspaceEventFlags.render((Integer) v);
            case NODES:
            case BUSINESS_TYPES: return ConfigJson.compact(ConfigJson.value(field, v));
            default: return String.valueOf(v);
        }
    }

    static Object parse(ConfigField field, String text) {
        switch (field.kind()) {
            case INT:
            case LONG:
                return checkRange(field, parseInteger(field, text.trim()));
            case MEMORY:
                return checkRange(field, parseMemory(field, text.trim()));
            case BOOL: {
                String t = text.trim().toLowerCase(Locale.ROOT);
                if (t.equals("yes") || t.equals("true")) return Boolean.TRUE;
                if (t.equals("no") || t.equals("false")) return Boolean.FALSE;
                throw bad(field, text, "expected yes or no");
            }
            case ENUM: {
                String t = text.trim().toLowerCase(Locale.ROOT);
                if (!field.choices().contains(t)) throw bad(field, text, "expected one of " + field.choices());
                return t;
            }
            case STRING:
                return text;
            case KEYSPACE_EVENTS:
                return KeyspaceEventFlags.parse(text);
            case OUTPUT_BUFFER_LIMITS:
                return OutputBufferLimits.parse(text, OutputBufferLimits.DEFAULT, field);
            case NODES:
            case BUSINESS_TYPES:
                try {
                    return fromJson(field, JSON.readTree(text));
                } catch (IOException e) {
                    throw bad(field, text, "not valid JSON");
                }
            default:
                throw new IllegalStateException("unhandled kind " + field.kind());
        }
    }

    private static Object fromJson(ConfigField field, JsonNode node) {
        switch (field.kind()) {
            case NODES: return parseNodes(field, node);
            case BUSINESS_TYPES: return BusinessTypeDefaults.parse(field, node);
            case BOOL:
                if (node.isBoolean()) return node.booleanValue();
                return parse(field, node.asText());
            case INT:
            case LONG:
                if (!node.isIntegralNumber() && !node.isTextual()) throw bad(field, node.toString(), "expected an integer");
                return parse(field, node.asText());
            case STRING:
                if (!node.isTextual()) throw bad(field, node.toString(), "expected a string");
                return node.asText();
            default:
                if (!node.isValueNode()) throw bad(field, node.toString(), "expected a value");
                return parse(field, node.asText());
        }
    }

    private static List<ClusterNode> parseNodes(ConfigField field, JsonNode node) {
        if (!node.isArray()) throw bad(field, node.toString(), "expected an array of {\"host\", \"port\"}");
        List<ClusterNode> nodes = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isObject() || !n.path("host").isTextual() || !n.path("port").isIntegralNumber()) {
                throw bad(field, n.toString(), "each node needs a string \"host\" and an integer \"port\"");
            }
            for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("host") && !name.equals("port") && !name.equals("node_id")) {
                    throw new ConfigException("unknown field '" + name + "' in config field 'cluster_nodes'");
                }
            }
            int port = n.get("port").intValue();
            if (port < 1 || port > 65535) throw bad(field, n.toString(), "port out of range");
            nodes.add(new ClusterNode(n.path("node_id").asText(""), n.get("host").asText(), port));
        }
        return List.copyOf(nodes);
    }

    private static long parseInteger(ConfigField field, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw bad(field, text, "expected an integer");
        }
    }

    private static long parseMemory(ConfigField field, String text) {
        return parseMemory(field, text.toLowerCase(Locale.ROOT), text);
    }

    /** Redis memory units: k=1000, kb=1024, m, mb, g, gb; {@code shown} is the text named in errors. */
    static long parseMemory(ConfigField field, String lower, String shown) {
        String t = lower;
        String text = shown;
        long mul = 1;
        String[][] units = {{"gb", "1073741824"}, {"mb", "1048576"}, {"kb", "1024"}, {"g", "1000000000"}, {"m", "1000000"}, {"k", "1000"}, {"b", "1"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                mul = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length());
                break;
            }
        }
        long n = parseInteger(field, t);
        try {
            return Math.multiplyExact(n, mul);
        } catch (ArithmeticException e) {
            throw bad(field, text, "too large");
        }
    }

    private static Object checkRange(ConfigField field, long v) {
        if (v < field.min() || v > field.max()) {
            throw bad(field, String.valueOf(v), "must be between " + field.min() + " and " + field.max());
        }
        if (field == ConfigFields.CHUNK_SIZE_BYTES && v % 8 != 0) throw bad(field, String.valueOf(v), "must be a multiple of 8");
        if (field.kind() == ConfigField.Kind.INT) return (int) v;
        return v;
    }

    static ConfigException bad(ConfigField field, String value, String why) {
        return new ConfigException("invalid value '" + value + "' for config field '" + field.key() + "': " + why);
    }
}
