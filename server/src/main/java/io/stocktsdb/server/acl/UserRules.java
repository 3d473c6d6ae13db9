package io.stocktsdb.server.acl;

import io.stocktsdb.resp.RespRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What one user may do (Redis's user struct minus the name): on/off, passwords (SHA-256 hex),
 * nopass, payload sanitizing, and the selectors, the root one first.
 *
 * <p>Rules are byte strings held as ISO-8859-1 text. An instance is edited only before it is
 * published (ACL SETUSER edits a copy and swaps it in whole, as Redis does through a temporary
 * user), so the dispatcher reads published instances without locks.
 */
public final class UserRules {
    private boolean enabled;
    private boolean nopass;
    private boolean skipSanitizePayload;
    private final List<String> passwords;
    private final List<Selector> selectors;

    private UserRules(List<String> passwords, List<Selector> selectors) {
        this.passwords = passwords;
        this.selectors = selectors;
    }

    /** A new user: off, no passwords, no keys, no channels, no commands. */
    public static UserRules newUser() {
        List<Selector> selectors = new ArrayList<>();
        selectors.add(Selector.empty(true));
        return new UserRules(new ArrayList<>(), selectors);
    }

    /** Redis's default user: on, nopass, ~*, &*, +@all. */
    public static UserRules defaultUser(AclCommandTable registry) {
        UserRules u = newUser();
        try {
            for (String op : new String[] {"+@all", "~*", "&*", "on", "nopass"}) u.apply(op, registry);
        } catch (AclRuleException e) {
            throw new IllegalStateException("default user rules", e);
        }
        return u;
    }

    public UserRules copy() {
        List<Selector> s = new ArrayList<>();
        for (Selector x : selectors) s.add(x.copy());
        UserRules u = new UserRules(new ArrayList<>(passwords), s);
        u.enabled = enabled;
        u.nopass = nopass;
        u.skipSanitizePayload = skipSanitizePayload;
        return u;
    }

    public boolean enabled() { return enabled; }

    public boolean nopass() { return nopass; }

    /** Whether a connection on this user must authenticate (Redis's authRequired for the default user). */
    public boolean requiresAuthentication() { return !nopass || !enabled; }

    /** One rule of ACL SETUSER (Redis's ACLSetUser). */
    public void apply(String op, AclCommandTable registry) throws AclRuleException {
        if (op.isEmpty()) return;
        char c0 = op.charAt(0);
        if (op.equalsIgnoreCase("on")) {
            enabled = true;
        } else if (op.equalsIgnoreCase("off")) {
            enabled = false;
        } else if (op.equalsIgnoreCase("skip-sanitize-payload")) {
            skipSanitizePayload = true;
        } else if (op.equalsIgnoreCase("sanitize-payload")) {
            skipSanitizePayload = false;
        } else if (op.equalsIgnoreCase("nopass")) {
            nopass = true;
            passwords.clear();
        } else if (op.equalsIgnoreCase("resetpass")) {
            nopass = false;
            passwords.clear();
        } else if (c0 == '>' || c0 == '#') {
            String hash = c0 == '>' ? Passwords.hash(op.substring(1).getBytes(StandardCharsets.ISO_8859_1)) : checkedHash(op);
            if (!passwords.contains(hash)) passwords.add(hash);
            nopass = false;
        } else if (c0 == '<' || c0 == '!') {
            String hash = c0 == '<' ? Passwords.hash(op.substring(1).getBytes(StandardCharsets.ISO_8859_1)) : checkedHash(op);
            if (!passwords.remove(hash)) throw new AclRuleException(AclRuleError.NO_SUCH_PASSWORD);
        } else if (c0 == '(' && op.charAt(op.length() - 1) == ')') {
            Selector s = Selector.empty(false);
            for (String inner : RuleSplitter.splitArgs(op.substring(1, op.length() - 1))) s.apply(inner, registry);
            selectors.add(s);
        } else if (op.equalsIgnoreCase("clearselectors")) {
            selectors.subList(1, selectors.size()).clear();
        } else if (op.equalsIgnoreCase("reset")) {
            for (String r : new String[] {"resetpass", "resetkeys", "resetchannels", "off", "sanitize-payload", "clearselectors", "-@all"}) {
                apply(r, registry);
            }
        } else {
            selectors.get(0).apply(op, registry);
        }
    }

    private static String checkedHash(String op) throws AclRuleException {
        String hash = op.substring(1);
        if (!Passwords.isValidHash(hash)) throw new AclRuleException(AclRuleError.BAD_HASH);
        return hash;
    }

    /** ACLCheckUserCredentials once the user exists: enabled, then nopass or one matching hash. */
    public boolean acceptsPassword(byte[] password) {
        if (!enabled) return false;
        if (nopass) return true;
        String hashed = Passwords.hash(password);
        boolean match = false;
        for (String p : passwords) match |= Passwords.sameHash(hashed, p);
        return match;
    }

    // ---- checks

    /** True when no check can fail (one selector allowing all commands, keys and channels). */
    public boolean unrestricted() { return selectors.size() == 1 && selectors.get(0).unrestricted(); }

    /** ACLCheckAllUserCommandPerm: allowed if any selector allows; otherwise the most relevant refusal. */
    public int check(AclCommand spec, RespRequest req) {
        int refusal = AclVerdict.DENIED_COMMAND;
        for (Selector s : selectors) {
            int v = s.check(spec, req);
            if (v == AclVerdict.ALLOWED) return v;
            refusal = AclVerdict.moreRelevant(refusal, v);
        }
        return refusal;
    }

    /** Whether any selector allows subscribing to {@code channel} (a pattern: the very same pattern). */
    public boolean grantsChannel(byte[] channel, boolean isPattern) {
        for (Selector s : selectors) if (s.grantsChannel(channel, isPattern)) return true;
        return false;
    }

    /** Whether any selector grants {@code access} (AclCommand.KEY_READ/KEY_WRITE) on {@code key}. */
    public boolean grantsKey(byte[] key, int access) {
        for (Selector s : selectors) if (s.grantsKey(key, access)) return true;
        return false;
    }

    // ---- descriptions

    /** Flags in Redis's order (on, off, nopass, skip-sanitize-payload, sanitize-payload). */
    public List<String> flags() {
        List<String> f = new ArrayList<>();
        f.add(enabled ? "on" : "off");
        if (nopass) f.add("nopass");
        f.add(skipSanitizePayload ? "skip-sanitize-payload" : "sanitize-payload");
        return f;
    }

    public List<String> passwordHashes() { return List.copyOf(passwords); }

    /** The ACL LIST / ACL file form (without "user name"). */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (String f : flags()) sb.append(f).append(' ');
        for (String p : passwords) sb.append('#').append(p).append(' ');
        for (Selector s : selectors) {
            if (s.isRoot()) {
                sb.append(s.describe());
            } else {
                sb.append(" (").append(s.describe()).append(')');
            }
        }
        return sb.toString();
    }

    /** Selector count, the root one included (ACL GETUSER). */
    public int selectorCount() { return selectors.size(); }

    /** Selector {@code i}'s command rules as ACL GETUSER shows them (0 = root). */
    public String commands(int i) { return selectors.get(i).describeCommands(); }

    public String keys(int i) { return selectors.get(i).describeKeys(); }

    public String channels(int i) { return selectors.get(i).describeChannels(); }

    public String rootCommands() { return commands(0); }

    public String rootKeys() { return keys(0); }

    public String rootChannels() { return channels(0); }
}
