package io.stocktsdb.server.config;

import java.util.List;

/**
 * One configuration setting: its JSON key (snake_case, the seed's names), its command-line flag
 * (kebab-case), the name {@code CONFIG GET/SET} knows it by (Redis's name where Redis has the
 * setting), its type, default and bounds. One table of these drives the JSON file, the flags,
 * {@code --help} and {@code CONFIG}.
 */
public record ConfigField(
        String key,
        String redisName,
        Kind kind,
        Object defaultValue,
        long min,
        long max,
        List<String> choices,
        boolean runtimeMutable,
        boolean secret,
        String description) {

    public enum Kind { INT, LONG, STRING, ENUM, BOOL, MEMORY, NODES, BUSINESS_TYPES, OUTPUT_BUFFER_LIMITS, KEYSPACE_EVENTS }

    /** Fields are singletons of {@link ConfigFields}: identity is equality, and hashing is cheap on hot paths. */
    @Override
    public boolean equals(Object o) { return this == o; }

    @Override
    public int hashCode() { return System.identityHashCode(this); }

    public String flag() { return "--" + key.replace('_', '-'); }

    /** The CONFIG name: Redis's own where it has one, otherwise the key in kebab-case. */
    public String configName() { return redisName != null ? redisName : key.replace('_', '-'); }
}
