package io.stocktsdb.server.acl;

import static io.stocktsdb.server.command.CommandFlag.ADMIN;
import static io.stocktsdb.server.command.CommandFlag.DENYOOM;
import static io.stocktsdb.server.command.CommandFlag.FAST;
import static io.stocktsdb.server.command.CommandFlag.NO_AUTH;
import static io.stocktsdb.server.command.CommandFlag.READONLY;
import static io.stocktsdb.server.command.CommandFlag.WRITE;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import java.nio.charset.StandardCharsets;

/** A small registry shaped like the server's (keys, categories, a container) for rule tests. */
final class TestCommands {
    private TestCommands() {}

    static CommandRegistry registry() {
        CommandRegistry r = new CommandRegistry();
        r.register(CommandSpec.builder("get", 2).flags(READONLY, FAST).keys(1, 1, 1).categories(AclCategory.STRING).build());
        r.register(CommandSpec.builder("set", -3).flags(WRITE, DENYOOM).keys(1, 1, 1).categories(AclCategory.STRING).build());
        r.register(CommandSpec.builder("incr", 2).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1)
                .keyAccess(CommandSpec.KEY_READ | CommandSpec.KEY_WRITE).categories(AclCategory.STRING).build());
        r.register(CommandSpec.builder("mset", -3).flags(WRITE, DENYOOM).keys(1, -1, 2).categories(AclCategory.STRING).build());
        r.register(CommandSpec.builder("exists", -2).flags(READONLY, FAST).keys(1, -1, 1).keyAccess(0).categories(AclCategory.KEYSPACE).build());
        r.register(CommandSpec.builder("del", -2).flags(WRITE).keys(1, -1, 1).categories(AclCategory.KEYSPACE).build());
        r.register(CommandSpec.builder("select", 2).flags(FAST).categories(AclCategory.CONNECTION).build());
        r.register(CommandSpec.builder("ping", -1).flags(FAST).categories(AclCategory.CONNECTION).build());
        r.register(CommandSpec.builder("auth", -2).flags(FAST, NO_AUTH).categories(AclCategory.CONNECTION).build());
        r.register(CommandSpec.builder("config", -2).categories(AclCategory.SLOW).build());
        r.registerSubcommand(CommandSpec.builder("config|get", -3).flags(ADMIN).build());
        r.registerSubcommand(CommandSpec.builder("config|set", -4).flags(ADMIN).build());
        r.register(CommandSpec.builder("ts.add", -4).flags(WRITE, DENYOOM).keys(1, 1, 1).categories(AclCategory.TIMESERIES).build());
        r.register(CommandSpec.builder("ts.range", -4).flags(READONLY).keys(1, 1, 1).categories(AclCategory.TIMESERIES).build());
        r.register(CommandSpec.builder("ts.mget", -3).flags(READONLY).categories(AclCategory.TIMESERIES).build());
        return r;
    }

    static RespRequest req(String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        return RespRequest.of(argv);
    }
}
