package io.stocktsdb.server.command.connection;

import static io.stocktsdb.server.command.AclCategory.CONNECTION;
import static io.stocktsdb.server.command.CommandFlag.ADMIN;
import static io.stocktsdb.server.command.CommandFlag.LOADING;
import static io.stocktsdb.server.command.CommandFlag.NOSCRIPT;
import static io.stocktsdb.server.command.CommandFlag.STALE;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandFlag;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;
import io.stocktsdb.server.net.ClientListLine;
import java.util.ArrayList;
import java.util.List;

/** CLIENT ID, SETNAME, GETNAME, LIST, INFO, KILL, SETINFO, NO-EVICT. */
public final class ClientCommands {
    private final ServerContext server;

    public ClientCommands(ServerContext server) { this.server = server; }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("client", -2).categories(AclCategory.SLOW)
                .docs("connection", "2.4.0", "A container for client connection commands.").build());
        sub(r, "client|id", 2, "5.0.0", "Returns the unique client ID of the connection.", (c, a) -> c.out().integer(c.id()), CommandFlag.FAST);
        sub(r, "client|setname", 3, "2.6.9", "Sets the connection name.", this::setName);
        sub(r, "client|getname", 2, "2.6.9", "Returns the name of the connection.", (c, a) -> c.out().bulk(c.name()));
        sub(r, "client|list", -2, "2.4.0", "Lists open connections.", this::list, ADMIN);
        sub(r, "client|info", 2, "6.2.0", "Returns information about the connection.", (c, a) -> c.out().verbatim("txt", ClientListLine.of(c) + "\n"));
        sub(r, "client|kill", -3, "2.4.0", "Terminates open connections.", this::kill, ADMIN);
        sub(r, "client|setinfo", 4, "7.2.0", "Sets information specific to the client or connection.", this::setInfo);
        sub(r, "client|reply", 3, "3.2.0", "Instructs the server whether to reply to commands.", this::reply);
        sub(r, "client|no-evict", 3, "7.0.0", "Sets the client eviction mode of the connection.", this::noEvict, ADMIN);
    }

    private static void sub(CommandRegistry r, String name, int arity, String since, String summary,
                            io.stocktsdb.server.command.CommandHandler h, CommandFlag... extra) {
        CommandSpec.Builder b = CommandSpec.builder(name, arity).flags(NOSCRIPT, LOADING, STALE).flags(extra)
                .categories(CONNECTION).docs("connection", since, summary).handler(h);
        r.registerSubcommand(b.build());
    }

    private void setName(Client c, RespRequest a) {
        String name = a.string(2);
        ClientNames.validate(name);
        c.name(name.isEmpty() ? null : name);
        c.out().ok();
    }

    private void setInfo(Client c, RespRequest a) {
        String value = a.string(3);
        if (a.equalsIgnoreCase(2, "LIB-NAME")) {
            if (!ClientNames.isValid(value)) throw new CommandException(Errors.LIB_NAME_CHARS);
            c.libName(value);
        } else if (a.equalsIgnoreCase(2, "LIB-VER")) {
            if (!ClientNames.isValid(value)) throw new CommandException(Errors.LIB_VER_CHARS);
            c.libVersion(value);
        } else {
            throw new CommandException(Errors.unrecognizedOption(a.string(2)));
        }
        c.out().ok();
    }

    /** ON answers OK; OFF and SKIP answer nothing (the connection drops the replies while they last). */
    private void reply(Client c, RespRequest a) {
        if (a.equalsIgnoreCase(2, "ON")) {
            c.replyMode(Client.ReplyMode.ON);
            c.out().ok();
        } else if (a.equalsIgnoreCase(2, "OFF")) {
            c.replyMode(Client.ReplyMode.OFF);
        } else if (a.equalsIgnoreCase(2, "SKIP")) {
            if (c.replyMode() != Client.ReplyMode.OFF) c.replyMode(Client.ReplyMode.SKIP);
        } else {
            throw new CommandException(Errors.SYNTAX);
        }
    }

    private void noEvict(Client c, RespRequest a) {
        if (a.equalsIgnoreCase(2, "ON")) {
            c.noEvict(true);
        } else if (a.equalsIgnoreCase(2, "OFF")) {
            c.noEvict(false);
        } else {
            throw new CommandException(Errors.SYNTAX);
        }
        c.out().ok();
    }

    private void list(Client c, RespRequest a) {
        List<Client> selected = new ArrayList<>();
        List<Client> all = server.clients().snapshot();
        if (a.argc() == 2) {
            selected = all;
        } else if (a.equalsIgnoreCase(2, "TYPE") && a.argc() == 4) {
            String type = a.string(3).toLowerCase(java.util.Locale.ROOT);
            switch (type) {
                case "normal": selected = clientsOfType(all, false); break;
                case "pubsub": selected = clientsOfType(all, true); break;
                case "master": case "replica": case "slave": break;
                default: throw new CommandException(Errors.unknownClientType(a.string(3)));
            }
        } else if (a.equalsIgnoreCase(2, "ID") && a.argc() >= 4) {
            for (int i = 3; i < a.argc(); i++) {
                if (!a.isLong(i) || a.longValue(i) <= 0) throw new CommandException(Errors.INVALID_CLIENT_ID);
                Client found = server.clients().get(a.longValue(i));
                if (found != null && !selected.contains(found)) selected.add(found);
            }
        } else {
            throw new CommandException(Errors.SYNTAX);
        }
        StringBuilder sb = new StringBuilder();
        for (Client x : selected) sb.append(ClientListLine.of(x)).append('\n');
        c.out().verbatim("txt", sb.toString());
    }

    private void kill(Client c, RespRequest a) {
        if (a.argc() == 3) { // old form: CLIENT KILL addr:port
            String addr = a.string(2);
            for (Client x : server.clients().snapshot()) {
                if (x.peer().equals(addr)) {
                    kill(c, x);
                    c.out().ok();
                    return;
                }
            }
            throw new CommandException(Errors.NO_SUCH_CLIENT);
        }
        if ((a.argc() - 2) % 2 != 0) throw new CommandException(Errors.SYNTAX);
        Long id = null;
        String addr = null;
        String laddr = null;
        String user = null;
        String type = null;
        boolean skipMe = true;
        for (int i = 2; i < a.argc(); i += 2) {
            String v = a.string(i + 1);
            if (a.equalsIgnoreCase(i, "ID")) {
                if (!a.isLong(i + 1) || a.longValue(i + 1) <= 0) throw new CommandException(Errors.CLIENT_ID_POSITIVE);
                id = a.longValue(i + 1);
            } else if (a.equalsIgnoreCase(i, "ADDR")) {
                addr = v;
            } else if (a.equalsIgnoreCase(i, "LADDR")) {
                laddr = v;
            } else if (a.equalsIgnoreCase(i, "USER")) {
                user = new String(a.bytes(i + 1), java.nio.charset.StandardCharsets.ISO_8859_1); // ACL names are byte strings
                if (server.acl().user(user) == null) throw new CommandException(Errors.noSuchUser(user));
            } else if (a.equalsIgnoreCase(i, "TYPE")) {
                type = v.toLowerCase(java.util.Locale.ROOT);
                if (!List.of("normal", "master", "replica", "slave", "pubsub").contains(type)) {
                    throw new CommandException(Errors.unknownClientType(v));
                }
            } else if (a.equalsIgnoreCase(i, "SKIPME")) {
                if (v.equalsIgnoreCase("yes")) {
                    skipMe = true;
                } else if (v.equalsIgnoreCase("no")) {
                    skipMe = false;
                } else {
                    throw new CommandException(Errors.SYNTAX);
                }
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        int killed = 0;
        for (Client x : server.clients().snapshot()) {
            // already closed (its registry removal runs later on its own event loop): as in Redis, gone
            if (!x.channel().isActive()) continue;
            if (id != null && x.id() != id) continue;
            if (addr != null && !x.peer().equals(addr)) continue;
            if (laddr != null && !x.local().equals(laddr)) continue;
            if (user != null && !x.user().equals(user)) continue;
            if (type != null && !type.equals(typeOf(x))) continue;
            if (skipMe && x == c) continue;
            kill(c, x);
            killed++;
        }
        c.out().integer(killed);
    }

    /** Redis's getClientType: a connection with subscriptions is of the pubsub class (a monitor is not a replica). */
    private static String typeOf(Client x) {
        return x.subscriptions().active() ? "pubsub" : "normal";
    }

    private static List<Client> clientsOfType(List<Client> all, boolean pubsub) {
        List<Client> out = new ArrayList<>();
        for (Client x : all) if (typeOf(x).equals(pubsub ? "pubsub" : "normal")) out.add(x);
        return out;
    }

    /** Closes {@code target}; a client killing itself gets its reply first. */
    private static void kill(Client self, Client target) {
        if (target == self) {
            self.closeAfterReply();
        } else {
            target.channel().close();
        }
    }
}
