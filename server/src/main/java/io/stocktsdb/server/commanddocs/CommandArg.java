package io.stocktsdb.server.commanddocs;

import java.util.List;
import java.util.Set;

/**
 * One argument of a command as COMMAND DOCS describes it (Redis's command argument model):
 * {@code keySpecIndex} is -1 unless the type is {@code key}; {@code children} only for
 * {@code oneof} and {@code block}; {@code token}, {@code since} may be null.
 */
public record CommandArg(String name, ArgType type, String displayText, int keySpecIndex, String token, String since,
                         Set<ArgFlag> flags, List<CommandArg> children) {

    /** Redis's argument types, by their wire names. */
    public enum ArgType {
        STRING("string"), INTEGER("integer"), DOUBLE("double"), KEY("key"), PATTERN("pattern"), UNIX_TIME("unix-time"),
        PURE_TOKEN("pure-token"), ONEOF("oneof"), BLOCK("block");

        private final String wireName;

        ArgType(String wireName) { this.wireName = wireName; }

        public String wireName() { return wireName; }

        public boolean hasChildren() { return this == ONEOF || this == BLOCK; }

        static ArgType parse(String s) {
            for (ArgType t : values()) if (t.wireName.equals(s)) return t;
            throw new IllegalArgumentException("unknown argument type '" + s + "'");
        }
    }

    /** Argument flags in Redis's reply order. */
    public enum ArgFlag {
        OPTIONAL("optional"), MULTIPLE("multiple"), MULTIPLE_TOKEN("multiple_token");

        private final String wireName;

        ArgFlag(String wireName) { this.wireName = wireName; }

        public String wireName() { return wireName; }
    }
}
