package io.stocktsdb.server.acl;

import io.stocktsdb.resp.RespRequest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One set of permissions (Redis's aclSelector): the commands allowed as a bitmap over the
 * registry's ACL ids, first arguments allowed for otherwise blocked commands, key patterns and
 * channel patterns, plus the command rules in the order given (for ACL LIST and ACL SAVE).
 *
 * <p>Mutable only while a user's rules are being edited; once published in a {@link UserRules}
 * snapshot it is never changed again, so event loops read it without locks.
 */
final class Selector {
    private final boolean root;
    private boolean allKeys;
    private boolean allChannels;
    private boolean allCommands;
    /** Redis's reserved "future commands" bit: set by +@all, cleared by -@all; decides +@all/-@all in descriptions. */
    private boolean futureCommands;
    private final BitSet commands;
    private Map<Integer, List<String>> firstArgs;
    private final List<KeyPattern> patterns;
    private final List<String> channels;
    private final List<String> commandRules;

    private Selector(boolean root, BitSet commands, List<KeyPattern> patterns, List<String> channels, List<String> commandRules) {
        this.root = root;
        this.commands = commands;
        this.patterns = patterns;
        this.channels = channels;
        this.commandRules = commandRules;
    }

    /** An empty selector: no commands, no keys, no channels (acl-pubsub-default resetchannels). */
    static Selector empty(boolean root) {
        return new Selector(root, new BitSet(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    Selector copy() {
        Selector s = new Selector(root, (BitSet) commands.clone(), new ArrayList<>(patterns), new ArrayList<>(channels),
                new ArrayList<>(commandRules));
        s.allKeys = allKeys;
        s.allChannels = allChannels;
        s.allCommands = allCommands;
        s.futureCommands = futureCommands;
        if (firstArgs != null) {
            s.firstArgs = new LinkedHashMap<>();
            firstArgs.forEach((id, args) -> s.firstArgs.put(id, new ArrayList<>(args)));
        }
        return s;
    }

    boolean isRoot() { return root; }

    /** Everything allowed: the common case the dispatcher skips checking. */
    boolean unrestricted() { return allCommands && allKeys && allChannels; }

    // ---- rules (ACLSetSelector)

    void apply(String op, AclCommandTable registry) throws AclRuleException {
        if (op.isEmpty()) throw new AclRuleException(AclRuleError.SYNTAX);
        char c0 = op.charAt(0);
        boolean categoryRule = op.length() > 1 && op.charAt(1) == '@';
        if (op.equalsIgnoreCase("allkeys") || op.equalsIgnoreCase("~*")) {
            allKeys = true;
            patterns.clear();
        } else if (op.equalsIgnoreCase("resetkeys")) {
            allKeys = false;
            patterns.clear();
        } else if (op.equalsIgnoreCase("allchannels") || op.equalsIgnoreCase("&*")) {
            allChannels = true;
            channels.clear();
        } else if (op.equalsIgnoreCase("resetchannels")) {
            allChannels = false;
            channels.clear();
        } else if (op.equalsIgnoreCase("allcommands") || op.equalsIgnoreCase("+@all")) {
            commands.set(0, registry.aclIdCount());
            allCommands = true;
            futureCommands = true;
            commandRules.clear();
            firstArgs = null;
        } else if (op.equalsIgnoreCase("nocommands") || op.equalsIgnoreCase("-@all")) {
            commands.clear();
            allCommands = false;
            futureCommands = false;
            commandRules.clear();
            firstArgs = null;
        } else if (c0 == '~' || c0 == '%') {
            addKeyPattern(op);
        } else if (c0 == '&') {
            addChannel(op);
        } else if (c0 == '+' && !categoryRule) {
            allowCommand(op.substring(1), registry);
        } else if (c0 == '-' && !categoryRule) {
            AclCommand cmd = lookup(registry, op.substring(1));
            changePermission(cmd, false);
            updateCommandRules(cmd.name(), false);
        } else if (c0 == '+' || c0 == '-') {
            String category = op.substring(2);
            if (!registry.isCategory(category)) throw new AclRuleException(AclRuleError.UNKNOWN_COMMAND_OR_CATEGORY);
            boolean allow = c0 == '+';
            updateCommandRules(op.substring(1), allow);
            for (AclCommand cmd : registry.all()) {
                if (cmd.inCategory(category)) changePermission(cmd, allow);
                for (AclCommand sub : cmd.subcommands().values()) {
                    if (sub.inCategory(category)) changePermission(sub, allow);
                }
            }
        } else {
            throw new AclRuleException(AclRuleError.SYNTAX);
        }
    }

    private void addKeyPattern(String op) throws AclRuleException {
        if (allKeys) throw new AclRuleException(AclRuleError.KEY_PATTERN_AFTER_ALLKEYS);
        int access = 0;
        int offset = 1;
        if (op.charAt(0) == '%') {
            boolean ok = true;
            for (; offset < op.length(); offset++) {
                char c = op.charAt(offset);
                if ((c == 'R' || c == 'r') && (access & AclCommand.KEY_READ) == 0) {
                    access |= AclCommand.KEY_READ;
                } else if ((c == 'W' || c == 'w') && (access & AclCommand.KEY_WRITE) == 0) {
                    access |= AclCommand.KEY_WRITE;
                } else if (c == '~') {
                    offset++;
                    break;
                } else {
                    ok = false;
                    break;
                }
            }
            if (access == 0 || !ok) throw new AclRuleException(AclRuleError.SYNTAX);
        } else {
            access = KeyPattern.ALL;
        }
        String pattern = op.substring(Math.min(offset, op.length()));
        if (hasSpaces(pattern)) throw new AclRuleException(AclRuleError.SYNTAX);
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).pattern().equals(pattern)) {
                patterns.set(i, patterns.get(i).withAccess(access));
                return;
            }
        }
        patterns.add(KeyPattern.of(pattern, access));
    }

    private void addChannel(String op) throws AclRuleException {
        if (allChannels) throw new AclRuleException(AclRuleError.CHANNEL_PATTERN_AFTER_ALLCHANNELS);
        String pattern = op.substring(1);
        if (hasSpaces(pattern)) throw new AclRuleException(AclRuleError.SYNTAX);
        if (!channels.contains(pattern)) channels.add(pattern);
    }

    private void allowCommand(String name, AclCommandTable registry) throws AclRuleException {
        int bar = name.lastIndexOf('|');
        if (bar < 0) {
            AclCommand cmd = lookup(registry, name);
            changePermission(cmd, true);
            updateCommandRules(cmd.name(), true);
            return;
        }
        AclCommand cmd = lookup(registry, name.substring(0, bar));
        if (cmd.parent() != null) throw new AclRuleException(AclRuleError.FIRST_ARG_OF_SUBCOMMAND);
        String sub = name.substring(bar + 1);
        // Redis accepts spaces here and then writes an ACL file it cannot read back; refuse them like key patterns
        if (sub.isEmpty() || hasSpaces(sub)) throw new AclRuleException(AclRuleError.SYNTAX);
        if (!cmd.subcommands().isEmpty()) {
            changePermission(lookup(registry, name), true);
        } else {
            // "+select|0": a first argument of an otherwise blocked command (deprecated in Redis, still honoured)
            if (firstArgs == null) firstArgs = new LinkedHashMap<>();
            List<String> allowed = firstArgs.computeIfAbsent(cmd.aclId(), k -> new ArrayList<>());
            boolean present = false;
            for (String a : allowed) present |= a.equalsIgnoreCase(sub);
            if (!present) allowed.add(sub);
        }
        updateCommandRules(name, true);
    }

    /** Redis's ACLLookupCommand: "name" or "container|sub", case-insensitive. */
    private static AclCommand lookup(AclCommandTable registry, String name) throws AclRuleException {
        AclCommand cmd = name.isEmpty() ? null : registry.get(name);
        if (cmd == null) throw new AclRuleException(AclRuleError.UNKNOWN_COMMAND_OR_CATEGORY);
        return cmd;
    }

    /** Allowing or blocking a container applies to all of its subcommands. */
    private void changePermission(AclCommand cmd, boolean allow) {
        setBit(cmd.aclId(), allow);
        if (firstArgs != null) firstArgs.remove(cmd.aclId());
        for (AclCommand sub : cmd.subcommands().values()) setBit(sub.aclId(), allow);
    }

    private void setBit(int id, boolean allow) {
        if (allow) {
            commands.set(id);
        } else {
            commands.clear(id);
            allCommands = false;
        }
    }

    /** Keeps the rules in the order given: a repeated rule (or one for a container) replaces older ones. */
    private void updateCommandRules(String rule, boolean allow) {
        String lower = rule.toLowerCase(Locale.ROOT);
        commandRules.removeIf(r -> {
            String body = r.substring(1);
            return body.equals(lower) || body.startsWith(lower + "|");
        });
        commandRules.add((allow ? "+" : "-") + lower);
    }

    private static boolean hasSpaces(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f' || c == 0) return true;
        }
        return false;
    }

    // ---- checks (ACLSelectorCheckCmd)

    int check(AclCommand spec, RespRequest req) {
        if (!allCommands && !spec.allowedWithoutAuth() && !commands.get(spec.aclId())) {
            if (!firstArgAllowed(spec, req)) return AclVerdict.DENIED_COMMAND;
        }
        if (!allKeys && spec.firstKey() > 0 && !ChannelArguments.keysAreChannels(spec)) {
            int last = spec.lastKey() < 0 ? req.argc() + spec.lastKey() : spec.lastKey();
            int step = Math.max(spec.step(), 1);
            for (int i = spec.firstKey(); i <= last && i < req.argc(); i += step) {
                if (!grantsKey(req.bytes(i), spec.keyAccess())) return AclVerdict.deniedKey(i);
            }
        }
        if (!allChannels) {
            int kind = ChannelArguments.of(spec);
            int last = kind == ChannelArguments.FIRST ? Math.min(1, req.argc() - 1) : req.argc() - 1;
            for (int i = 1; kind != ChannelArguments.NONE && i <= last; i++) {
                if (!grantsChannel(req.bytes(i), kind == ChannelArguments.ALL_PATTERNS)) return AclVerdict.DENIED_CHANNEL | i << 8;
            }
        }
        return AclVerdict.ALLOWED;
    }

    /** A channel is allowed by a matching rule; a pattern only by the same pattern. */
    boolean grantsChannel(byte[] channel, boolean isPattern) {
        if (allChannels) return true;
        for (String rule : channels) {
            byte[] r = rule.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            if (isPattern ? java.util.Arrays.equals(r, channel) : io.stocktsdb.common.GlobMatcher.matches(r, channel)) return true;
        }
        return false;
    }

    private boolean firstArgAllowed(AclCommand spec, RespRequest req) {
        if (req.argc() < 2 || firstArgs == null) return false;
        List<String> allowed = firstArgs.get(spec.aclId());
        if (allowed == null) return false;
        String arg = req.string(spec.parent() != null ? 2 : 1);
        for (String a : allowed) if (a.equalsIgnoreCase(arg)) return true;
        return false;
    }

    boolean grantsKey(byte[] key, int access) {
        if (allKeys) return true;
        for (KeyPattern p : patterns) if (p.grants(key, access)) return true;
        return false;
    }

    // ---- descriptions (ACLDescribeSelector and ACL GETUSER)

    String describeCommands() {
        StringBuilder sb = new StringBuilder(futureCommands ? "+@all" : "-@all");
        for (String r : commandRules) sb.append(' ').append(r);
        return sb.toString();
    }

    String describeKeys() {
        if (allKeys) return "~*";
        StringBuilder sb = new StringBuilder();
        for (KeyPattern p : patterns) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(p.describe());
        }
        return sb.toString();
    }

    String describeChannels() {
        if (allChannels) return "&*";
        StringBuilder sb = new StringBuilder();
        for (String c : channels) {
            if (sb.length() > 0) sb.append(' ');
            sb.append('&').append(c);
        }
        return sb.toString();
    }

    /** Keys, channels and commands as ACL LIST shows them. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        if (allKeys) {
            sb.append("~* ");
        } else {
            for (KeyPattern p : patterns) sb.append(p.describe()).append(' ');
        }
        if (allChannels) {
            sb.append("&* ");
        } else {
            sb.append("resetchannels ");
            for (String c : channels) sb.append('&').append(c).append(' ');
        }
        return sb.append(describeCommands()).toString();
    }
}
