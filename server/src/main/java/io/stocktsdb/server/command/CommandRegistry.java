package io.stocktsdb.server.command;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.acl.AclCommandTable;
import io.stocktsdb.server.commanddocs.CommandDoc;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * All registered commands. Lookup hashes the request's name bytes with ASCII case folding into
 * an open-addressing table, so dispatch allocates nothing.
 */
public final class CommandRegistry implements AclCommandTable {
    private final Map<String, CommandSpec> byName = new LinkedHashMap<>();
    private CommandSpec[] table = new CommandSpec[512];
    private int nextAclId;

    public void register(CommandSpec spec) {
        if (spec.name().indexOf('|') >= 0) throw new IllegalArgumentException("register subcommands through registerSubcommand: " + spec.name());
        if (byName.putIfAbsent(spec.name(), spec) != null) throw new IllegalArgumentException("duplicate command " + spec.name());
        spec.aclId(nextAclId++);
        if (byName.size() * 2 > table.length) rebuild(table.length * 2);
        insert(table, spec);
    }

    /** Adds {@code sub} (named {@code container|sub}) under its registered container. */
    public void registerSubcommand(CommandSpec sub) {
        String container = sub.name().substring(0, sub.name().indexOf('|'));
        CommandSpec parent = byName.get(container);
        if (parent == null) throw new IllegalArgumentException("no container " + container);
        parent.addSubcommand(sub);
        sub.aclId(nextAclId++);
    }

    /**
     * Gives every command its description; fails when a registered command has none, a description
     * names no registered command, or the key specs disagree with the legacy key positions.
     */
    public void attachDocs(Map<String, CommandDoc> docs) {
        Set<String> missing = new TreeSet<>();
        Set<String> mismatched = new TreeSet<>();
        for (CommandSpec s : allWithSubcommands()) {
            CommandDoc d = docs.get(s.name());
            if (d == null) {
                missing.add(s.name());
                continue;
            }
            if ((s.firstKey() > 0) == d.keySpecs().isEmpty()) mismatched.add(s.name());
            s.doc(d);
        }
        Set<String> unknown = new TreeSet<>(docs.keySet());
        for (CommandSpec s : allWithSubcommands()) unknown.remove(s.name());
        if (!missing.isEmpty() || !unknown.isEmpty() || !mismatched.isEmpty()) {
            throw new IllegalStateException("commands.json out of step with the registry: undescribed " + missing
                    + ", not registered " + unknown + ", key specs disagree with first key " + mismatched);
        }
    }

    /** How many ACL command ids are assigned (commands plus subcommands). */
    @Override
    public int aclIdCount() { return nextAclId; }

    /** The command named by argument 0, or null. */
    public CommandSpec lookup(RespRequest req) {
        int mask = table.length - 1;
        int i = spread(req.lowerCaseHash(0)) & mask;
        while (true) {
            CommandSpec s = table[i];
            if (s == null) return null;
            if (req.equalsLowerCase(0, s.lowerName())) return s;
            i = (i + 1) & mask;
        }
    }

    /** The subcommand of {@code container} named by argument 1, or null. */
    public static CommandSpec lookupSubcommand(CommandSpec container, RespRequest req) {
        return container.subcommands().get(req.string(1).toLowerCase(Locale.ROOT));
    }

    @Override
    public CommandSpec get(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int bar = lower.indexOf('|');
        if (bar < 0) return byName.get(lower);
        CommandSpec parent = byName.get(lower.substring(0, bar));
        return parent == null ? null : parent.subcommands().get(lower.substring(bar + 1));
    }

    @Override
    public Collection<CommandSpec> all() { return Collections.unmodifiableCollection(byName.values()); }

    /** Every command and subcommand. */
    public List<CommandSpec> allWithSubcommands() {
        List<CommandSpec> out = new ArrayList<>();
        for (CommandSpec s : byName.values()) {
            out.add(s);
            out.addAll(s.subcommands().values());
        }
        return out;
    }

    @Override
    public boolean isCategory(String name) { return AclCategory.parse(name) != null; }

    public int size() { return byName.size(); }

    private void rebuild(int capacity) {
        CommandSpec[] t = new CommandSpec[capacity];
        for (CommandSpec s : byName.values()) insert(t, s);
        table = t;
    }

    private static void insert(CommandSpec[] t, CommandSpec spec) {
        int mask = t.length - 1;
        int i = spread(hash(spec.lowerName())) & mask;
        while (t[i] != null) i = (i + 1) & mask;
        t[i] = spec;
    }

    /** Same function as {@link RespRequest#lowerCaseHash(int)} over an already lower-case name. */
    private static int hash(byte[] lowerName) {
        int h = 0;
        for (byte b : lowerName) h = 31 * h + (b & 0xff);
        return h;
    }

    private static int spread(int h) { return h ^ (h >>> 16); }

    static String lower(byte[] name) { return new String(name, StandardCharsets.US_ASCII); }
}
