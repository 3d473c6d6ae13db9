package io.stocktsdb.server.command.connection;

import static io.stocktsdb.server.command.AclCategory.CONNECTION;
import static io.stocktsdb.server.command.CommandFlag.FAST;
import static io.stocktsdb.server.command.CommandFlag.LOADING;
import static io.stocktsdb.server.command.CommandFlag.NOSCRIPT;
import static io.stocktsdb.server.command.CommandFlag.NO_AUTH;
import static io.stocktsdb.server.command.CommandFlag.STALE;
import static io.stocktsdb.server.command.CommandFlag.TRANSACTION_CONTROL;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.AccessControl;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.ServerInfo;
import io.stocktsdb.server.acl.AclUser;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;
import java.nio.charset.StandardCharsets;

/** PING, ECHO, HELLO, AUTH, QUIT, RESET, SELECT. */
public final class ConnectionCommands {
    private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    private final ServerContext server;

    public ConnectionCommands(ServerContext server) { this.server = server; }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("ping", -1).flags(FAST, STALE).categories(CONNECTION)
                .docs("connection", "1.0.0", "Returns the server's liveliness response.").handler(this::ping).build());
        r.register(CommandSpec.builder("echo", 2).flags(FAST, LOADING, STALE).categories(CONNECTION)
                .docs("connection", "1.0.0", "Returns the given string.").handler((c, a) -> c.out().bulk(a.slice(1))).build());
        r.register(CommandSpec.builder("hello", -1).flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH).categories(CONNECTION)
                .docs("connection", "6.0.0", "Handshakes with the Redis server.").handler(this::hello).build());
        r.register(CommandSpec.builder("auth", -2).flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH).categories(CONNECTION)
                .docs("connection", "1.0.0", "Authenticates the connection.").handler(this::auth).build());
        r.register(CommandSpec.builder("quit", -1).flags(NO_AUTH, LOADING, STALE, FAST, TRANSACTION_CONTROL).categories(CONNECTION)
                .docs("connection", "1.0.0", "Closes the connection.").handler(this::quit).build());
        r.register(CommandSpec.builder("reset", 1).flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, TRANSACTION_CONTROL).categories(CONNECTION)
                .docs("connection", "6.2.0", "Resets the connection.").handler(this::reset).build());
        r.register(CommandSpec.builder("select", 2).flags(LOADING, STALE, FAST).categories(CONNECTION)
                .docs("connection", "1.0.0", "Changes the selected database.").handler(this::select).build());
    }

    private void ping(Client c, RespRequest a) {
        if (a.argc() > 2) throw new CommandException(Errors.wrongArity("ping"));
        if (c.protocol() == 2 && c.subscriptions().active()) { // Redis answers ["pong", message] in the Pub/Sub context
            c.out().arrayHeader(2);
            c.out().bulk("pong");
            c.out().bulk(a.argc() == 2 ? a.bytes(1) : new byte[0]);
        } else if (a.argc() == 1) {
            c.out().raw(PONG);
        } else {
            c.out().bulk(a.slice(1));
        }
    }

    private void hello(Client c, RespRequest a) {
        int protocol = c.protocol();
        int i = 1;
        if (a.argc() >= 2) {
            if (!a.isLong(1)) throw new CommandException(Errors.PROTOCOL_NOT_INTEGER);
            long v = a.longValue(1);
            if (v < 2 || v > 3) throw new CommandException(Errors.NOPROTO);
            protocol = (int) v;
            i = 2;
        }
        String user = null;
        byte[] password = null;
        String name = null;
        for (; i < a.argc(); i++) {
            if (a.equalsIgnoreCase(i, "AUTH") && i + 2 < a.argc()) {
                user = latin1(a, i + 1);
                password = a.bytes(i + 2);
                i += 2;
            } else if (a.equalsIgnoreCase(i, "SETNAME") && i + 1 < a.argc()) {
                name = a.string(i + 1);
                ClientNames.validate(name);
                i += 1;
            } else {
                throw new CommandException(Errors.helloOption(a.string(i)));
            }
        }
        if (user != null) login(c, a.string(0), user, password);
        if (!c.authenticated()) {
            throw new CommandException(Errors.HELLO_NOAUTH);
        }
        if (name != null) c.name(name.isEmpty() ? null : name);
        RespWriter out = c.out();
        out.protocol(protocol);
        out.mapHeader(7);
        out.bulk("server");
        out.bulk("redis");
        out.bulk("version");
        out.bulk(ServerInfo.REDIS_VERSION);
        out.bulk("proto");
        out.integer(protocol);
        out.bulk("id");
        out.integer(c.id());
        out.bulk("mode");
        out.bulk("standalone");
        out.bulk("role");
        out.bulk("master");
        out.bulk("modules");
        out.arrayHeader(1);
        ModuleReply.write(out);
    }

    private void auth(Client c, RespRequest a) {
        if (a.argc() > 3) throw new CommandException(Errors.SYNTAX);
        if (a.argc() == 2 && server.acl().defaultUser().rules().nopass()) throw new CommandException(Errors.AUTH_NOT_CONFIGURED);
        String user = a.argc() == 3 ? latin1(a, 1) : AccessControl.DEFAULT_USER;
        login(c, a.string(0), user, a.bytes(a.argc() - 1));
        c.out().ok();
    }

    /** Authenticates through the ACL; a failure is logged in ACL LOG and answered WRONGPASS. */
    private void login(Client c, String commandName, String user, byte[] password) {
        AclUser u = server.acl().authenticate(user, password);
        if (u == null) {
            server.acl().authFailed(c, commandName, user);
            throw new CommandException(Errors.WRONGPASS);
        }
        c.login(u);
    }

    /** User names are byte strings, held one char per byte like every ACL name and rule. */
    private static String latin1(RespRequest a, int i) { return new String(a.bytes(i), StandardCharsets.ISO_8859_1); }

    private void quit(Client c, RespRequest a) {
        c.out().ok();
        c.closeAfterReply();
    }

    private void reset(Client c, RespRequest a) {
        if (c.inMulti()) c.endMulti();
        server.watches().unwatchAll(c);
        server.pubsub().unsubscribeAll(c);
        server.monitors().remove(c);
        c.replyMode(Client.ReplyMode.ON);
        c.out().protocol(2);
        c.name(null);
        c.noEvict(false);
        c.logout(server.acl().defaultUser());
        if (!server.acl().authenticationRequired()) c.login(server.acl().defaultUser());
        c.out().simpleString("RESET");
    }

    private void select(Client c, RespRequest a) {
        if (!a.isLong(1)) throw new CommandException(Errors.NOT_INTEGER);
        if (a.longValue(1) != 0) throw new CommandException(Errors.DB_OUT_OF_RANGE);
        c.out().ok();
    }
}
