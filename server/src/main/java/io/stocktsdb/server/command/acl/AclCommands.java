package io.stocktsdb.server.command.acl;

import static io.stocktsdb.server.command.CommandFlag.ADMIN;
import static io.stocktsdb.server.command.CommandFlag.LOADING;
import static io.stocktsdb.server.command.CommandFlag.NOSCRIPT;
import static io.stocktsdb.server.command.CommandFlag.STALE;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.AccessControl;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.acl.AclLog;
import io.stocktsdb.server.acl.AclUser;
import io.stocktsdb.server.acl.AclVerdict;
import io.stocktsdb.server.acl.Passwords;
import io.stocktsdb.server.acl.UserRules;
import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandFlag;
import io.stocktsdb.server.command.CommandHandler;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** ACL CAT, DELUSER, DRYRUN, GENPASS, GETUSER, LIST, LOAD, LOG, SAVE, SETUSER, USERS, WHOAMI, HELP. */
public final class AclCommands {
    private static final int GENPASS_MAX_BITS = 4096;
    private static final String[] HELP = {
        "ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CAT [<category>]",
        "    List all commands that belong to <category>, or all command categories",
        "    when no category is specified.",
        "DELUSER <username> [<username> ...]",
        "    Delete a list of users.",
        "DRYRUN <username> <command> [<arg> ...]",
        "    Returns whether the user can execute the given command without executing the command.",
        "GETUSER <username>",
        "    Get the user's details.",
        "GENPASS [<bits>]",
        "    Generate a secure 256-bit user password. The optional `bits` argument can",
        "    be used to specify a different size.",
        "LIST",
        "    Show users details in config file format.",
        "LOAD",
        "    Reload users from the ACL file.",
        "LOG [<count> | RESET]",
        "    Show the ACL log entries.",
        "SAVE",
        "    Save the current config to the ACL file.",
        "SETUSER <username> <attribute> [<attribute> ...]",
        "    Create or modify a user with the specified attributes.",
        "USERS",
        "    List all the registered usernames.",
        "WHOAMI",
        "    Return the current connection username.",
        "HELP",
        "    Print this help.",
    };

    private final ServerContext server;

    public AclCommands(ServerContext server) { this.server = server; }

    private AccessControl acl() { return server.acl(); }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("acl", -2).categories(AclCategory.SLOW)
                .docs("server", "6.0.0", "A container for Access List Control commands.").build());
        sub(r, "acl|cat", -2, "Lists the ACL categories, or the commands inside a category.", this::cat);
        sub(r, "acl|deluser", -3, "Deletes ACL users, and terminates their connections.", this::delUser, ADMIN);
        sub(r, "acl|dryrun", -4, "Simulates the execution of a command by a user, without executing the command.", this::dryRun, ADMIN);
        sub(r, "acl|genpass", -2, "Generates a pseudorandom, secure password that can be used to identify ACL users.", this::genPass);
        sub(r, "acl|getuser", 3, "Lists the ACL rules of a user.", this::getUser, ADMIN);
        sub(r, "acl|list", 2, "Dumps the effective rules in ACL file format.", this::list, ADMIN);
        sub(r, "acl|load", 2, "Reloads the rules from the configured ACL file.", this::load, ADMIN);
        sub(r, "acl|log", -2, "Lists recent security events generated due to commands rejected by ACL rules.", this::log, ADMIN);
        sub(r, "acl|save", 2, "Saves the effective ACL rules in the configured ACL file.", this::save, ADMIN);
        sub(r, "acl|setuser", -3, "Creates and modifies an ACL user and its rules.", this::setUser, ADMIN);
        sub(r, "acl|users", 2, "Lists all ACL users.", this::users, ADMIN);
        sub(r, "acl|whoami", 2, "Returns the authenticated username of the current connection.", (c, a) -> bulk(c.out(), c.user()));
        sub(r, "acl|help", 2, "Returns helpful text about the different subcommands.", this::help);
    }

    private static void sub(CommandRegistry r, String name, int arity, String summary, CommandHandler h, CommandFlag... extra) {
        r.registerSubcommand(CommandSpec.builder(name, arity).flags(NOSCRIPT, LOADING, STALE).flags(extra)
                .docs("server", "6.0.0", summary).handler(h).build());
    }

    /** ACL names and rules are byte strings, held one char per byte. */
    private static String latin1(RespRequest a, int i) { return new String(a.bytes(i), StandardCharsets.ISO_8859_1); }

    private static void bulk(RespWriter out, String latin1) { out.bulk(latin1.getBytes(StandardCharsets.ISO_8859_1)); }

    /** Redis's addReplySubcommandSyntaxError. */
    private static CommandException syntax(RespRequest a) {
        return new CommandException(Errors.unknownSubcommandOrArity(truncate(a.string(1)), "ACL"));
    }

    private static String truncate(String s) { return s.length() > 128 ? s.substring(0, 128) : s; }

    private void cat(Client c, RespRequest a) {
        RespWriter out = c.out();
        if (a.argc() == 2) {
            out.arrayHeader(AclCategory.values().length);
            for (AclCategory cat : AclCategory.values()) out.bulk(cat.wireName());
            return;
        }
        if (a.argc() != 3) throw syntax(a);
        AclCategory cat = AclCategory.parse(a.string(2));
        if (cat == null) throw new CommandException(Errors.unknownCategory(truncate(a.string(2))));
        List<String> names = new ArrayList<>();
        for (CommandSpec s : server.registry().all()) {
            if (s.categories().contains(cat)) names.add(s.name());
            for (CommandSpec sub : s.subcommands().values()) if (sub.categories().contains(cat)) names.add(sub.name());
        }
        out.arrayHeader(names.size());
        for (String n : names) out.bulk(n);
    }

    private void setUser(Client c, RespRequest a) {
        String name = latin1(a, 2);
        if (hasSpaces(name)) throw new CommandException(Errors.USERNAME_SPACES);
        List<String> rules = new ArrayList<>();
        for (int i = 3; i < a.argc(); i++) rules.add(latin1(a, i));
        String error = acl().setUser(name, rules);
        if (error != null) throw new CommandException(error);
        c.out().ok();
    }

    private static boolean hasSpaces(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == 0x0B || ch == '\f' || ch == 0) return true;
        }
        return false;
    }

    private void delUser(Client c, RespRequest a) {
        List<String> names = new ArrayList<>();
        for (int i = 2; i < a.argc(); i++) {
            String n = latin1(a, i);
            if (n.equals(AccessControl.DEFAULT_USER)) throw new CommandException(Errors.DEFAULT_USER_UNDELETABLE);
            names.add(n);
        }
        c.out().integer(acl().deleteUsers(names, c));
    }

    private void getUser(Client c, RespRequest a) {
        RespWriter out = c.out();
        AclUser u = acl().user(latin1(a, 2));
        if (u == null) {
            out.nullBulk();
            return;
        }
        UserRules r = u.rules();
        out.mapHeader(6);
        out.bulk("flags");
        List<String> flags = r.flags();
        out.setHeader(flags.size());
        for (String f : flags) out.bulk(f);
        out.bulk("passwords");
        List<String> hashes = r.passwordHashes();
        out.arrayHeader(hashes.size());
        for (String h : hashes) out.bulk(h);
        describeSelector(out, r.rootCommands(), r.rootKeys(), r.rootChannels());
        out.bulk("selectors");
        int n = r.selectorCount() - 1;
        out.arrayHeader(n);
        for (int i = 1; i <= n; i++) {
            out.mapHeader(3);
            describeSelector(out, r.commands(i), r.keys(i), r.channels(i));
        }
    }

    private static void describeSelector(RespWriter out, String commands, String keys, String channels) {
        out.bulk("commands");
        bulk(out, commands);
        out.bulk("keys");
        bulk(out, keys);
        out.bulk("channels");
        bulk(out, channels);
    }

    private void list(Client c, RespRequest a) {
        List<AclUser> users = acl().users();
        c.out().arrayHeader(users.size());
        for (AclUser u : users) bulk(c.out(), "user " + u.name() + " " + u.rules().describe());
    }

    private void users(Client c, RespRequest a) {
        List<AclUser> users = acl().users();
        c.out().arrayHeader(users.size());
        for (AclUser u : users) bulk(c.out(), u.name());
    }

    private void load(Client c, RespRequest a) {
        if (!acl().hasAclFile()) throw new CommandException(Errors.NO_ACL_FILE);
        String errors = acl().load(c);
        if (errors != null) throw new CommandException(Errors.err(errors));
        c.out().ok();
    }

    private void save(Client c, RespRequest a) {
        if (!acl().hasAclFile()) throw new CommandException(Errors.NO_ACL_FILE);
        if (!acl().save()) throw new CommandException(Errors.ACL_SAVE_FAILED);
        c.out().ok();
    }

    private void genPass(Client c, RespRequest a) {
        if (a.argc() > 3) throw syntax(a);
        long bits = 256;
        if (a.argc() == 3) {
            if (!a.isLong(2)) throw new CommandException(Errors.NOT_INTEGER);
            bits = a.longValue(2);
        }
        if (bits <= 0 || bits > GENPASS_MAX_BITS) {
            throw new CommandException(Errors.genpassBits(GENPASS_MAX_BITS));
        }
        c.out().bulk(Passwords.generate((int) bits));
    }

    private void log(Client c, RespRequest a) {
        if (a.argc() > 3) throw syntax(a);
        long count = 10;
        if (a.argc() == 3) {
            if (a.equalsIgnoreCase(2, "RESET")) {
                acl().log().reset();
                c.out().ok();
                return;
            }
            if (!a.isLong(2)) throw new CommandException(Errors.NOT_INTEGER);
            count = Math.max(0, a.longValue(2));
        }
        List<AclLog.Entry> entries = acl().log().latest(count);
        RespWriter out = c.out();
        out.arrayHeader(entries.size());
        long now = System.currentTimeMillis();
        for (AclLog.Entry e : entries) {
            out.mapHeader(10);
            out.bulk("count");
            out.integer(e.count());
            out.bulk("reason");
            out.bulk(e.reason());
            out.bulk("context");
            out.bulk(e.context());
            out.bulk("object");
            bulk(out, e.object());
            out.bulk("username");
            bulk(out, e.username());
            out.bulk("age-seconds");
            out.doubleValue((now - e.updatedMillis()) / 1000.0);
            out.bulk("client-info");
            out.bulk(e.clientInfo());
            out.bulk("entry-id");
            out.integer(e.entryId());
            out.bulk("timestamp-created");
            out.integer(e.createdMillis());
            out.bulk("timestamp-last-updated");
            out.integer(e.updatedMillis());
        }
    }

    private void dryRun(Client c, RespRequest a) {
        AclUser u = acl().user(latin1(a, 2));
        if (u == null) throw new CommandException(Errors.userNotFound(a.string(2)));
        byte[][] argv = new byte[a.argc() - 3][];
        for (int i = 3; i < a.argc(); i++) argv[i - 3] = a.bytes(i);
        RespRequest cmd = RespRequest.of(argv);
        CommandSpec spec = server.registry().lookup(cmd);
        if (spec != null && spec.isContainer() && cmd.argc() > 1) spec = CommandRegistry.lookupSubcommand(spec, cmd);
        if (spec == null) throw new CommandException(Errors.commandNotFound(a.string(3)));
        if (!spec.arityAccepts(cmd.argc())) throw new CommandException(Errors.wrongArity(spec.name()));
        int verdict = u.rules().check(spec, cmd);
        if (verdict == AclVerdict.ALLOWED) {
            c.out().ok();
        } else {
            bulk(c.out(), AccessControl.dryRunMessage(u.name(), spec, cmd, verdict));
        }
    }

    private void help(Client c, RespRequest a) {
        c.out().arrayHeader(HELP.length);
        for (String line : HELP) c.out().simpleString(line);
    }
}
