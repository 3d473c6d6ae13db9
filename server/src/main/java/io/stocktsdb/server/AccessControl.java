package io.stocktsdb.server;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.acl.AclFile;
import io.stocktsdb.server.acl.AclLog;
import io.stocktsdb.server.acl.AclRuleException;
import io.stocktsdb.server.acl.AclUser;
import io.stocktsdb.server.acl.AclVerdict;
import io.stocktsdb.server.acl.RuleSplitter;
import io.stocktsdb.server.acl.UserRules;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.Settings;
import io.stocktsdb.server.net.Client;
import io.stocktsdb.server.net.ChannelName;
import io.stocktsdb.server.net.ClientListLine;
import io.stocktsdb.server.net.Subscriptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users of the server (Redis's ACL subsystem): authentication, the per-command permission
 * check the dispatcher runs, ACL SETUSER/DELUSER/LOAD/SAVE, and the ACL log. User names are
 * byte strings held as ISO-8859-1 text and kept in byte order, as Redis's radix tree lists them.
 */
public final class AccessControl {
    private static final Logger log = LoggerFactory.getLogger(AccessControl.class);
    public static final String DEFAULT_USER = "default";

    private final ServerContext server;
    private final ConcurrentSkipListMap<String, AclUser> users = new ConcurrentSkipListMap<>();
    private final AclLog aclLog = new AclLog();
    private AclUser defaultUser;

    public AccessControl(ServerContext server) { this.server = server; }

    /** Creates the default user, loads the ACL file, applies requirepass; run once every command is registered. */
    public synchronized void start(Settings settings) {
        defaultUser = new AclUser(DEFAULT_USER, UserRules.defaultUser(server.registry()));
        users.put(DEFAULT_USER, defaultUser);
        boolean fileDefinesDefault = false;
        Path file = aclFile(settings);
        if (file != null) {
            AclFile.Parsed parsed = AclFile.load(file, settings.getString(ConfigFields.ACLFILE), server.registry());
            if (!parsed.ok()) throw new IllegalStateException("Aborting start-up because of ACL errors: " + parsed.errors());
            fileDefinesDefault = parsed.users().containsKey(DEFAULT_USER);
            install(withDefaultUser(parsed.users()), null);
            log.info("ACL users loaded file={} users={}", file, parsed.users().size());
        }
        // like Redis, requirepass is the default user's password unless the ACL file defines that user
        if (!fileDefinesDefault) applyRequirepass(settings.getString(ConfigFields.REQUIREPASS));
    }

    private static Path aclFile(Settings settings) {
        String name = settings.getString(ConfigFields.ACLFILE);
        return name.isEmpty() ? null : Path.of(name);
    }

    public AclUser defaultUser() { return defaultUser; }

    public AclLog log() { return aclLog; }

    public AclUser user(String name) { return users.get(name); }

    /** All users in byte order of their names. */
    public List<AclUser> users() { return new ArrayList<>(users.values()); }

    /** requirepass: resetpass then >password, or nopass when empty (ACLUpdateDefaultUserPassword). */
    public synchronized void applyRequirepass(String password) {
        UserRules r = defaultUser.rules().copy();
        try {
            r.apply("resetpass", server.registry());
            r.apply(password.isEmpty() ? "nopass" : ">" + new String(password.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1),
                    server.registry());
        } catch (AclRuleException e) {
            throw new IllegalStateException(e);
        }
        defaultUser.publish(r);
    }

    /** Whether a connection that has not authenticated must do so before running commands. */
    public boolean authenticationRequired() { return defaultUser.rules().requiresAuthentication(); }

    /** The user if the name and password match and the user is on, else null. */
    public AclUser authenticate(String name, byte[] password) {
        AclUser u = users.get(name);
        return u != null && u.rules().acceptsPassword(password) ? u : null;
    }

    /** Records a failed AUTH / HELLO AUTH in the ACL log; {@code commandName} as the client typed it. */
    public void authFailed(Client c, String commandName, String username) {
        aclLog.add(AclVerdict.DENIED_AUTH, context(c), commandName, username, ClientListLine.of(c), maxLogLength());
    }

    // ---- the dispatcher's check

    /** {@link AclVerdict#ALLOWED} or a refusal for running {@code spec} with {@code req} as the client's user. */
    public static int check(Client c, CommandSpec spec, RespRequest req) {
        UserRules rules = c.aclUser().rules();
        if (rules.unrestricted()) return AclVerdict.ALLOWED;
        return rules.check(spec, req);
    }

    /**
     * For commands whose keys are not in their arguments (TS.MGET/MRANGE/QUERYINDEX reach series
     * through the label index): whether the client's user may {@code access}
     * ({@link CommandSpec#KEY_READ}/{@link CommandSpec#KEY_WRITE}) {@code key}.
     */
    public static boolean grantsKey(Client c, byte[] key, int access) {
        UserRules rules = c.aclUser().rules();
        return rules.unrestricted() || rules.grantsKey(key, access);
    }

    /** Logs a refusal and returns Redis's NOPERM error text for it. */
    public String refuse(Client c, CommandSpec spec, RespRequest req, int verdict) {
        int reason = AclVerdict.reason(verdict);
        aclLog.add(reason, context(c), logObject(spec, req, verdict), c.user(), ClientListLine.of(c), maxLogLength());
        if (reason == AclVerdict.DENIED_COMMAND) {
            return Errors.noPermissionToRun(c.user(), spec.name());
        }
        return reason == AclVerdict.DENIED_KEY ? Errors.NOPERM_KEY : Errors.NOPERM_CHANNEL;
    }

    /** EXEC re-checks each queued command; the text Redis gives when the rules changed meanwhile. */
    public String refuseAtExec(Client c, CommandSpec spec, RespRequest req, int verdict) {
        int reason = AclVerdict.reason(verdict);
        aclLog.add(reason, "multi", logObject(spec, req, verdict), c.user(), ClientListLine.of(c), maxLogLength());
        String why;
        switch (reason) {
            case AclVerdict.DENIED_COMMAND: why = "no permission to execute the command or subcommand"; break;
            case AclVerdict.DENIED_KEY: why = "no permission to touch the specified keys"; break;
            case AclVerdict.DENIED_CHANNEL: why = "no permission to access one of the channels used as arguments"; break;
            default: why = "no permission";
        }
        return Errors.aclChangedBeforeExec(why);
    }

    /** ACL DRYRUN's verbose text for a refusal. */
    public static String dryRunMessage(String user, CommandSpec spec, RespRequest req, int verdict) {
        if (AclVerdict.reason(verdict) == AclVerdict.DENIED_COMMAND) {
            return "User " + user + " has no permissions to run the '" + spec.name() + "' command";
        }
        String what = AclVerdict.reason(verdict) == AclVerdict.DENIED_KEY ? "key" : "channel";
        String arg = new String(req.bytes(AclVerdict.argIndex(verdict)), StandardCharsets.ISO_8859_1);
        return "User " + user + " has no permissions to access the '" + arg + "' " + what;
    }

    private static String logObject(CommandSpec spec, RespRequest req, int verdict) {
        if (AclVerdict.reason(verdict) == AclVerdict.DENIED_COMMAND) return spec.name();
        return new String(req.bytes(AclVerdict.argIndex(verdict)), StandardCharsets.ISO_8859_1);
    }

    private static String context(Client c) { return c.inMulti() ? "multi" : "toplevel"; }

    private int maxLogLength() { return server.settings().getInt(ConfigFields.ACLLOG_MAX_LEN); }

    // ---- ACL SETUSER / DELUSER / LOAD / SAVE

    /** Applies all rules to a copy and publishes it, or changes nothing; returns the error text or null. */
    public synchronized String setUser(String name, List<String> rules) {
        List<String> ops;
        try {
            ops = RuleSplitter.mergeSelectors(rules);
        } catch (RuleSplitter.UnmatchedParenthesisException e) {
            return Errors.unmatchedSelectorParenthesis(e.opening());
        }
        AclUser existing = users.get(name);
        UserRules edited = existing == null ? UserRules.newUser() : existing.rules().copy();
        for (String op : ops) {
            try {
                edited.apply(op, server.registry());
            } catch (AclRuleException e) {
                return Errors.setUserModifier(op, e.error().message());
            }
        }
        if (existing == null) {
            users.put(name, new AclUser(name, edited));
        } else {
            existing.publish(edited);
            disconnectRevokedSubscribers(existing, null);
        }
        return null;
    }

    /** Deletes the named users (never "default"), closing their connections; returns how many existed. */
    public synchronized int deleteUsers(List<String> names, Client current) {
        int deleted = 0;
        for (String name : names) {
            AclUser u = users.remove(name);
            if (u == null) continue;
            deleted++;
            disconnectUsersOf(u, current);
        }
        return deleted;
    }

    /** Logs out and closes every connection of {@code u} (the caller's own after its reply). */
    private void disconnectUsersOf(AclUser u, Client current) {
        for (Client c : server.clients().snapshot()) {
            if (c.aclUser() != u) continue;
            c.logout(defaultUser);
            if (c == current) {
                c.closeAfterReply();
            } else {
                c.channel().close();
            }
        }
    }

    /** As Redis 7: connections of {@code u} subscribed to a channel or pattern its rules no longer allow are closed. */
    private void disconnectRevokedSubscribers(AclUser u, Client current) {
        UserRules rules = u.rules();
        for (Client c : server.clients().snapshot()) {
            if (c.aclUser() != u || !c.subscriptions().active() || rules.unrestricted()) continue;
            boolean revoked = false;
            for (Subscriptions.Kind kind : Subscriptions.Kind.values()) {
                for (ChannelName n : c.subscriptions().list(kind)) revoked |= !rules.grantsChannel(n.bytes(), kind == Subscriptions.Kind.PATTERN);
            }
            if (!revoked) continue;
            if (c == current) {
                c.closeAfterReply();
            } else {
                c.channel().close();
            }
        }
    }

    public boolean hasAclFile() { return aclFile(server.settings()) != null; }

    /** ACL LOAD: null on success, else Redis's error list (then nothing changed). */
    public synchronized String load(Client current) {
        Path file = aclFile(server.settings());
        AclFile.Parsed parsed = AclFile.load(file, server.settings().getString(ConfigFields.ACLFILE), server.registry());
        if (!parsed.ok()) return parsed.errors();
        install(withDefaultUser(parsed.users()), current);
        if (!parsed.users().containsKey(DEFAULT_USER)) applyRequirepass(server.settings().getString(ConfigFields.REQUIREPASS));
        return null;
    }

    /** A file without a default user gets Redis's (on nopass ~* &* +@all), as ACL LOAD does in Redis. */
    private Map<String, UserRules> withDefaultUser(Map<String, UserRules> fromFile) {
        Map<String, UserRules> next = new LinkedHashMap<>(fromFile);
        next.putIfAbsent(DEFAULT_USER, UserRules.defaultUser(server.registry()));
        return next;
    }

    /** Replaces the user set: kept names get their new rules, vanished ones lose their connections. */
    private void install(Map<String, UserRules> next, Client current) {
        for (AclUser old : new ArrayList<>(users.values())) {
            if (!next.containsKey(old.name())) {
                users.remove(old.name());
                disconnectUsersOf(old, current);
            }
        }
        next.forEach((name, rules) -> {
            AclUser u = users.get(name);
            if (u == null) {
                users.put(name, new AclUser(name, rules));
            } else {
                u.publish(rules);
                disconnectRevokedSubscribers(u, current);
            }
        });
    }

    /** ACL SAVE; false (and a log line) when the file cannot be written. */
    public synchronized boolean save() {
        Map<String, UserRules> snapshot = new LinkedHashMap<>();
        for (AclUser u : users.values()) snapshot.put(u.name(), u.rules());
        Path file = aclFile(server.settings());
        try {
            AclFile.save(file, snapshot);
            return true;
        } catch (IOException e) {
            log.warn("ACL SAVE failed file={} : {}", file, e.toString());
            return false;
        }
    }
}
