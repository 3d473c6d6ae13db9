package io.stocktsdb.server.command;

import io.stocktsdb.server.acl.AclCommand;
import io.stocktsdb.server.commanddocs.CommandDoc;
import io.stocktsdb.server.stats.CommandStats;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A command's metadata (as COMMAND INFO reports it) and its handler. Arity follows Redis: a
 * positive number is exact, a negative one a minimum, both counting the command name.
 * Container commands (CLIENT, CONFIG...) hold subcommands named {@code container|sub}.
 */
public final class CommandSpec implements AclCommand, io.stocktsdb.server.cluster.RoutedCommand {

    private final String name;
    private final byte[] lowerName;
    private final int arity;
    private final Set<CommandFlag> flags;
    private final int firstKey;
    private final int lastKey;
    private final int step;
    private final Set<AclCategory> categories;
    private final String group;
    private final String summary;
    private final String since;
    private final CommandHandler handler;
    private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();
    private final CommandStats stats;
    private final int keyAccess;
    private CommandSpec parent;
    private int aclId = -1;
    private CommandDoc doc = CommandDoc.NONE;

    private CommandSpec(Builder b) {
        this.name = b.name;
        this.lowerName = b.name.substring(b.name.indexOf('|') + 1).getBytes(StandardCharsets.US_ASCII);
        this.arity = b.arity;
        this.flags = b.flags;
        this.firstKey = b.firstKey;
        this.lastKey = b.lastKey;
        this.step = b.step;
        this.categories = b.categories;
        this.group = b.group;
        this.summary = b.summary;
        this.since = b.since;
        this.handler = b.handler;
        this.stats = new CommandStats(b.name);
        this.keyAccess = b.keyAccess;
    }

    public static Builder builder(String name, int arity) { return new Builder(name, arity); }

    @Override
    public String name() { return name; }

    /** The lower-case name as typed (for a subcommand, the part after '|'). */
    public byte[] lowerName() { return lowerName; }

    public int arity() { return arity; }

    public Set<CommandFlag> flags() { return flags; }

    public boolean has(CommandFlag flag) { return flags.contains(flag); }

    @Override
    public int firstKey() { return firstKey; }

    @Override
    public int lastKey() { return lastKey; }

    @Override
    public int step() { return step; }

    @Override
    public boolean writes() { return flags.contains(CommandFlag.WRITE); }

    public Set<AclCategory> categories() { return categories; }

    @Override
    public boolean inCategory(String category) {
        AclCategory c = AclCategory.parse(category);
        return c != null && categories.contains(c);
    }

    @Override
    public boolean allowedWithoutAuth() { return flags.contains(CommandFlag.NO_AUTH); }

    public String group() { return group; }

    public String summary() { return summary; }

    public String since() { return since; }

    public CommandHandler handler() { return handler; }

    /** Complexity, key specs and arguments (commands.json), attached by the registry at start. */
    public CommandDoc doc() { return doc; }

    void doc(CommandDoc doc) { this.doc = doc; }

    @Override
    public Map<String, CommandSpec> subcommands() { return subcommands; }

    public boolean isContainer() { return !subcommands.isEmpty(); }

    public CommandStats stats() { return stats; }

    /**
     * What the command does to its keys, for ACL key patterns: {@link #KEY_READ} and/or
     * {@link #KEY_WRITE} (Redis's key-spec ACCESS vs INSERT/DELETE/UPDATE); 0 when it only
     * looks at existence or type (EXISTS, TYPE), which any matching pattern allows.
     */
    @Override
    public int keyAccess() { return keyAccess; }

    /** The container of a subcommand, or null. */
    @Override
    public CommandSpec parent() { return parent; }

    /** Index of this command in every ACL selector's command bitmap (assigned by the registry). */
    @Override
    public int aclId() { return aclId; }

    void aclId(int id) { this.aclId = id; }

    public boolean arityAccepts(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    void addSubcommand(CommandSpec sub) {
        sub.parent = this;
        subcommands.put(new String(sub.lowerName, StandardCharsets.US_ASCII), sub);
    }

    /** Fluent construction; the defaults describe a keyless, non-writing command. */
    public static final class Builder {
        private final String name;
        private final int arity;
        private Set<CommandFlag> flags = EnumSet.noneOf(CommandFlag.class);
        private int firstKey;
        private int lastKey;
        private int step;
        private Set<AclCategory> categories = EnumSet.noneOf(AclCategory.class);
        private String group = "generic";
        private String summary = "";
        private String since = "1.0.0";
        private CommandHandler handler;
        private int keyAccess = -1;

        private Builder(String name, int arity) {
            this.name = name;
            this.arity = arity;
        }

        public Builder flags(CommandFlag... f) {
            for (CommandFlag x : f) flags.add(x);
            return this;
        }

        public Builder keys(int first, int last, int step) {
            this.firstKey = first;
            this.lastKey = last;
            this.step = step;
            return this;
        }

        public Builder categories(AclCategory... c) {
            for (AclCategory x : c) categories.add(x);
            return this;
        }

        public Builder docs(String group, String since, String summary) {
            this.group = group;
            this.since = since;
            this.summary = summary;
            return this;
        }

        /** Overrides the key access derived from the flags (WRITE: write, otherwise read). */
        public Builder keyAccess(int access) {
            this.keyAccess = access;
            return this;
        }

        public Builder handler(CommandHandler handler) {
            this.handler = handler;
            return this;
        }

        public CommandSpec build() {
            if (flags.contains(CommandFlag.WRITE)) categories.add(AclCategory.WRITE);
            if (flags.contains(CommandFlag.READONLY) && !categories.contains(AclCategory.WRITE)) categories.add(AclCategory.READ);
            if (flags.contains(CommandFlag.ADMIN)) {
                categories.add(AclCategory.ADMIN);
                categories.add(AclCategory.DANGEROUS);
            }
            categories.add(flags.contains(CommandFlag.FAST) ? AclCategory.FAST : AclCategory.SLOW);
            if (keyAccess < 0) keyAccess = flags.contains(CommandFlag.WRITE) ? KEY_WRITE : KEY_READ;
            flags = Set.copyOf(flags).isEmpty() ? EnumSet.noneOf(CommandFlag.class) : EnumSet.copyOf(flags);
            categories = EnumSet.copyOf(categories);
            return new CommandSpec(this);
        }
    }
}
