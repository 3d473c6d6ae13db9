package io.stocktsdb.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.stocktsdb.engine.business.BusinessType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The configured business types: the seed list by default, and parsing of a configured list. */
public final class BusinessTypeDefaults {
    private static final Set<String> FIELDS = Set.of("name", "prefix", "retention_ms", "chunk_size_bytes", "duplicate_policy", "encoding", "timestamp_unit",
            "calendar", "timezone", "sessions");
    private static final Set<String> POLICIES = Set.of("block", "first", "last", "min", "max", "sum");

    private BusinessTypeDefaults() {}

    /** The engine's seed businesses with no per-business overrides. */
    public static List<BusinessTypeConfig> seed() {
        List<BusinessTypeConfig> out = new ArrayList<>();
        for (Map.Entry<String, String> b : BusinessType.SEED) out.add(new BusinessTypeConfig(b.getKey(), b.getValue(), null, null, null, null));
        return List.copyOf(out);
    }

    static List<BusinessTypeConfig> parse(ConfigField field, JsonNode node) {
        if (!node.isArray()) throw Settings.bad(field, node.toString(), "expected an array of business types");
        List<BusinessTypeConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode n : node) {
            if (!n.isObject()) throw Settings.bad(field, n.toString(), "each business type is an object");
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!FIELDS.contains(f)) throw new ConfigException("unknown field '" + f + "' in config field 'business_types'");
            }
            String name = n.path("name").asText("");
            String prefix = n.path("prefix").asText("");
            if (!name.matches("[a-z][a-z0-9_]{0,63}") || name.equals("default")) {
                throw Settings.bad(field, name, "business name must match [a-z][a-z0-9_]* and not be 'default'");
            }
            if (prefix.isEmpty()) throw Settings.bad(field, n.toString(), "business '" + name + "' needs a non-empty prefix");
            if (!names.add(name)) throw Settings.bad(field, name, "duplicate business name");
            Long retention = n.has("retention_ms") ? n.get("retention_ms").asLong(-1) : null;
            if (retention != null && retention < 0) throw Settings.bad(field, n.toString(), "retention_ms must be >= 0");
            Integer chunk = n.has("chunk_size_bytes") ? n.get("chunk_size_bytes").asInt(-1) : null;
            if (chunk != null && (chunk < 48 || chunk > 1_048_576 || chunk % 8 != 0)) {
                throw Settings.bad(field, n.toString(), "chunk_size_bytes must be a multiple of 8 in [48, 1048576]");
            }
            String policy = n.has("duplicate_policy") ? n.get("duplicate_policy").asText().toLowerCase(Locale.ROOT) : null;
            if (policy != null && !POLICIES.contains(policy)) throw Settings.bad(field, n.toString(), "unknown duplicate_policy");
            String encoding = n.has("encoding") ? n.get("encoding").asText().toLowerCase(Locale.ROOT) : null;
            if (encoding != null && !encoding.equals("compressed") && !encoding.equals("uncompressed")) {
                throw Settings.bad(field, n.toString(), "encoding must be compressed or uncompressed");
            }
            String unit = n.has("timestamp_unit") ? n.get("timestamp_unit").asText() : null;
            if (unit != null && !unit.equals("ms") && !unit.equals("s")) {
                throw Settings.bad(field, n.toString(), "timestamp_unit must be ms or s");
            }
            String calendar = text(n, "calendar");
            String timezone = text(n, "timezone");
            String sessions = text(n, "sessions");
            String calendarProblem = CalendarCheck.problem(calendar, timezone, sessions);
            if (calendarProblem != null) throw Settings.bad(field, n.toString(), "business '" + name + "': " + calendarProblem);
            out.add(new BusinessTypeConfig(name, prefix, retention, chunk, policy, encoding, unit, calendar, timezone, sessions));
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode n, String f) {
        return n.has(f) && !n.get(f).isNull() ? n.get(f).asText() : null;
    }
}
