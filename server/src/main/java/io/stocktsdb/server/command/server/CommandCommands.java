package io.stocktsdb.server.command.server;

import static io.stocktsdb.server.command.CommandFlag.LOADING;
import static io.stocktsdb.server.command.CommandFlag.STALE;

import io.stocktsdb.common.GlobMatcher;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandFlag;
import io.stocktsdb.server.command.CommandKeys;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;
import java.nio.charset.StandardCharsets;
import io.stocktsdb.server.commanddocs.KeySpec;
import java.util.ArrayList;
import java.util.List;

/** COMMAND, COMMAND COUNT/INFO/DOCS/LIST/GETKEYS/GETKEYSANDFLAGS: generated from the registry and commands.json. */
public final class CommandCommands {
    private final ServerContext server;

    public CommandCommands(ServerContext server) { this.server = server; }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("command", -1).flags(LOADING, STALE).categories(AclCategory.CONNECTION)
                .docs("server", "2.8.13", "Returns detailed information about all commands.").handler(this::all).build());
        sub(r, "command|count", 2, "Returns a count of commands.", (c, a) -> c.out().integer(server.registry().size()));
        sub(r, "command|info", -2, "Returns information about one, multiple or all commands.", this::info);
        sub(r, "command|docs", -2, "Returns documentary information about one, multiple or all commands.", this::docs);
        sub(r, "command|list", -2, "Returns a list of command names.", this::list);
        sub(r, "command|getkeys", -3, "Extracts the key names from an arbitrary command.", (c, a) -> keys(c, a, false));
        sub(r, "command|getkeysandflags", -3, "Extracts the key names and access flags for an arbitrary command.", (c, a) -> keys(c, a, true));
    }

    private static void sub(CommandRegistry r, String name, int arity, String summary, io.stocktsdb.server.command.CommandHandler h) {
        r.registerSubcommand(CommandSpec.builder(name, arity).flags(LOADING, STALE).categories(AclCategory.CONNECTION)
                .docs("server", "7.0.0", summary).handler(h).build());
    }

    /** COMMAND with no subcommand: every command's info. The container's own spec handles argc 1 only. */
    private void all(Client c, RespRequest a) {
        var all = server.registry().all();
        c.out().arrayHeader(all.size());
        for (CommandSpec s : all) writeInfo(c.out(), s);
    }

    private void info(Client c, RespRequest a) {
        if (a.argc() == 2) {
            all(c, a);
            return;
        }
        c.out().arrayHeader(a.argc() - 2);
        for (int i = 2; i < a.argc(); i++) {
            CommandSpec s = server.registry().get(a.string(i));
            if (s == null) {
                c.out().nullArray();
            } else {
                writeInfo(c.out(), s);
            }
        }
    }

    static void writeInfo(RespWriter out, CommandSpec s) {
        out.arrayHeader(10);
        out.bulk(s.name());
        out.integer(s.arity());
        List<String> flags = new ArrayList<>();
        for (CommandFlag f : s.flags()) if (f.visible()) flags.add(f.wireName());
        out.setHeader(flags.size());
        for (String f : flags) out.simpleString(f);
        out.integer(s.firstKey());
        out.integer(s.lastKey());
        out.integer(s.step());
        out.setHeader(s.categories().size());
        for (AclCategory cat : s.categories()) out.simpleString("@" + cat.wireName());
        out.setHeader(0); // tips
        CommandDocsReply.writeKeySpecs(out, s.doc().keySpecs());
        out.arrayHeader(s.subcommands().size());
        for (CommandSpec sub : s.subcommands().values()) writeInfo(out, sub);
    }

    private void docs(Client c, RespRequest a) {
        List<CommandSpec> specs = new ArrayList<>();
        if (a.argc() == 2) {
            specs.addAll(server.registry().all());
        } else {
            for (int i = 2; i < a.argc(); i++) {
                CommandSpec s = server.registry().get(a.string(i));
                if (s != null) specs.add(s);
            }
        }
        c.out().mapHeader(specs.size());
        for (CommandSpec s : specs) {
            c.out().bulk(s.name());
            CommandDocsReply.writeDocs(c.out(), s);
        }
    }

    /**
     * COMMAND GETKEYS[ANDFLAGS] command [arg ...]: the keys the command would touch, found by its key
     * specs as Redis does (shard channels are not keys), with each key spec's flags if asked.
     */
    private void keys(Client c, RespRequest a, boolean withFlags) {
        List<byte[]> argv = new ArrayList<>();
        for (int i = 2; i < a.argc(); i++) argv.add(a.bytes(i));
        RespRequest target = RespRequest.of(argv.toArray(new byte[0][]));
        CommandSpec s = server.registry().lookup(target);
        if (s != null && s.isContainer() && argv.size() > 1) s = CommandRegistry.lookupSubcommand(s, target);
        if (s == null) throw new CommandException(Errors.GETKEYS_INVALID_COMMAND);
        if (!s.doc().hasKeys()) throw new CommandException(Errors.GETKEYS_NO_KEYS);
        if (!s.arityAccepts(argv.size())) throw new CommandException(Errors.GETKEYS_BAD_ARITY);
        List<KeySpec.KeyRef> keys = CommandKeys.find(s, argv);
        if (keys == null || keys.isEmpty()) throw new CommandException(Errors.GETKEYS_BAD_ARGUMENTS);
        c.out().arrayHeader(keys.size());
        for (KeySpec.KeyRef k : keys) {
            if (withFlags) {
                c.out().arrayHeader(2);
                c.out().bulk(argv.get(k.position()));
                CommandDocsReply.writeKeyFlags(c.out(), k.flags());
            } else {
                c.out().bulk(argv.get(k.position()));
            }
        }
    }

    private void list(Client c, RespRequest a) {
        List<String> names = new ArrayList<>();
        if (a.argc() == 2) {
            for (CommandSpec s : server.registry().allWithSubcommands()) names.add(s.name()); // subcommands too, as Redis
        } else if (a.argc() == 5 && a.equalsIgnoreCase(2, "FILTERBY")) {
            String value = a.string(4);
            for (CommandSpec s : server.registry().allWithSubcommands()) {
                if (a.equalsIgnoreCase(3, "MODULE")) {
                    if (value.equals("timeseries") && s.categories().contains(AclCategory.TIMESERIES)) names.add(s.name());
                } else if (a.equalsIgnoreCase(3, "ACLCAT")) {
                    AclCategory cat = AclCategory.parse(value); // an unknown category matches nothing, as in Redis
                    if (cat != null && s.categories().contains(cat)) names.add(s.name());
                } else if (a.equalsIgnoreCase(3, "PATTERN")) {
                    if (GlobMatcher.matches(value.getBytes(StandardCharsets.UTF_8), s.name().getBytes(StandardCharsets.UTF_8))) {
                        names.add(s.name());
                    }
                } else {
                    throw new CommandException(Errors.SYNTAX);
                }
            }
        } else {
            throw new CommandException(Errors.SYNTAX);
        }
        c.out().arrayHeader(names.size());
        for (String n : names) c.out().bulk(n);
    }
}
