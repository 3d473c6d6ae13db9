package io.stocktsdb.server.command.pubsub;

import static io.stocktsdb.server.command.AclCategory.PUBSUB;
import static io.stocktsdb.server.command.CommandFlag.FAST;
import static io.stocktsdb.server.command.CommandFlag.LOADING;
import static io.stocktsdb.server.command.CommandFlag.MAY_REPLICATE;
import static io.stocktsdb.server.command.CommandFlag.NOSCRIPT;
import static io.stocktsdb.server.command.CommandFlag.STALE;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.PubSub;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.CommandFlag;
import io.stocktsdb.server.command.CommandHandler;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.net.ChannelName;
import io.stocktsdb.server.net.Client;
import io.stocktsdb.server.net.Subscriptions.Kind;
import java.util.List;

/**
 * SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE, their UNSUBSCRIBE forms, PUBLISH, SPUBLISH and PUBSUB.
 * Confirmations are pushes in RESP3 and arrays in RESP2, one per channel, as Redis sends them.
 */
public final class PubSubCommands {
    private final ServerContext server;

    public PubSubCommands(ServerContext server) { this.server = server; }

    private PubSub pubsub() { return server.pubsub(); }

    public void register(CommandRegistry r) {
        r.register(spec("subscribe", -2, "2.0.0", "Listens for messages published to channels.", (c, a) -> subscribe(c, a, Kind.CHANNEL))
                .flags(NOSCRIPT).build());
        r.register(spec("psubscribe", -2, "2.0.0", "Listens for messages published to channels that match one or more patterns.",
                (c, a) -> subscribe(c, a, Kind.PATTERN)).flags(NOSCRIPT).build());
        r.register(spec("ssubscribe", -2, "7.0.0", "Listens for messages published to shard channels.", (c, a) -> subscribe(c, a, Kind.SHARD))
                .flags(NOSCRIPT).keys(1, -1, 1).build());
        r.register(spec("unsubscribe", -1, "2.0.0", "Stops listening to messages posted to channels.", (c, a) -> unsubscribe(c, a, Kind.CHANNEL))
                .flags(NOSCRIPT).build());
        r.register(spec("punsubscribe", -1, "2.0.0", "Stops listening to messages published to channels that match one or more patterns.",
                (c, a) -> unsubscribe(c, a, Kind.PATTERN)).flags(NOSCRIPT).build());
        r.register(spec("sunsubscribe", -1, "7.0.0", "Stops listening to messages posted to shard channels.", (c, a) -> unsubscribe(c, a, Kind.SHARD))
                .flags(NOSCRIPT).keys(1, -1, 1).build());
        r.register(spec("publish", 3, "2.0.0", "Posts a message to a channel.",
                (c, a) -> c.out().integer(pubsub().publish(a.bytes(1), a.bytes(2)))).flags(FAST, MAY_REPLICATE).build());
        r.register(spec("spublish", 3, "7.0.0", "Post a message to a shard channel",
                (c, a) -> c.out().integer(pubsub().spublish(a.bytes(1), a.bytes(2)))).flags(FAST, MAY_REPLICATE).keys(1, 1, 1).build());
        r.register(spec("pubsub", -2, "2.8.0", "A container for Pub/Sub commands.", null).build());
        sub(r, "pubsub|channels", -2, "2.8.0", "Returns the active channels.", (c, a) -> channels(c, a, false));
        sub(r, "pubsub|shardchannels", -2, "7.0.0", "Returns the active shard channels.", (c, a) -> channels(c, a, true));
        sub(r, "pubsub|numsub", -2, "2.8.0", "Returns a count of subscribers to channels.", (c, a) -> numsub(c, a, false));
        sub(r, "pubsub|shardnumsub", -2, "7.0.0", "Returns the count of subscribers of shard channels.", (c, a) -> numsub(c, a, true));
        sub(r, "pubsub|numpat", 2, "2.8.0", "Returns a count of unique pattern subscriptions.", (c, a) -> c.out().integer(pubsub().patternCount()));
        sub(r, "pubsub|help", 2, "6.2.0", "Returns helpful text about the different subcommands.", this::help);
    }

    private static CommandSpec.Builder spec(String name, int arity, String since, String summary, CommandHandler h) {
        return CommandSpec.builder(name, arity).flags(CommandFlag.PUBSUB, LOADING, STALE).categories(PUBSUB)
                .docs("pubsub", since, summary).handler(h);
    }

    private static void sub(CommandRegistry r, String name, int arity, String since, String summary, CommandHandler h) {
        r.registerSubcommand(spec(name, arity, since, summary, h).build());
    }

    private static String verb(Kind kind, boolean subscribe) {
        switch (kind) {
            case PATTERN: return subscribe ? "psubscribe" : "punsubscribe";
            case SHARD: return subscribe ? "ssubscribe" : "sunsubscribe";
            default: return subscribe ? "subscribe" : "unsubscribe";
        }
    }

    /** What a confirmation counts: shard channels alone, or channels and patterns together. */
    private static int count(Client c, Kind kind) {
        return kind == Kind.SHARD ? c.subscriptions().shardChannels() : c.subscriptions().channelsAndPatterns();
    }

    private void subscribe(Client c, RespRequest a, Kind kind) {
        String verb = verb(kind, true);
        for (int i = 1; i < a.argc(); i++) {
            byte[] name = a.bytes(i);
            pubsub().subscribe(c, kind, name);
            confirm(c.out(), verb, name, count(c, kind));
        }
    }

    private void unsubscribe(Client c, RespRequest a, Kind kind) {
        String verb = verb(kind, false);
        if (a.argc() == 1) {
            List<ChannelName> all = c.subscriptions().list(kind);
            if (all.isEmpty()) {
                confirm(c.out(), verb, null, count(c, kind));
                return;
            }
            for (ChannelName n : all) {
                pubsub().unsubscribe(c, kind, n.bytes());
                confirm(c.out(), verb, n.bytes(), count(c, kind));
            }
            return;
        }
        for (int i = 1; i < a.argc(); i++) {
            byte[] name = a.bytes(i);
            pubsub().unsubscribe(c, kind, name);
            confirm(c.out(), verb, name, count(c, kind));
        }
    }

    private static void confirm(RespWriter out, String verb, byte[] name, int count) {
        out.pushHeader(3);
        out.bulk(verb);
        if (name == null) {
            out.nullBulk();
        } else {
            out.bulk(name);
        }
        out.integer(count);
    }

    private void channels(Client c, RespRequest a, boolean shard) {
        if (a.argc() > 3) throw new io.stocktsdb.server.command.CommandException(
                io.stocktsdb.server.command.Errors.unknownSubcommandOrArity(a.string(1), "PUBSUB"));
        List<byte[]> names = pubsub().activeChannels(shard, a.argc() == 3 ? a.bytes(2) : null);
        c.out().arrayHeader(names.size());
        for (byte[] n : names) c.out().bulk(n);
    }

    private void numsub(Client c, RespRequest a, boolean shard) {
        c.out().arrayHeader(2 * (a.argc() - 2));
        for (int i = 2; i < a.argc(); i++) {
            c.out().bulk(a.bytes(i));
            c.out().integer(pubsub().subscribers(shard, a.bytes(i)));
        }
    }

    private void help(Client c, RespRequest a) {
        String[] lines = {
            "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CHANNELS [<pattern>]",
            "    Return the currently active channels matching a <pattern> (default: '*').",
            "NUMPAT",
            "    Return number of subscriptions to patterns.",
            "NUMSUB [<channel> ...]",
            "    Return the number of subscribers for the specified channels, excluding",
            "    pattern subscriptions(default: no channels).",
            "SHARDCHANNELS [<pattern>]",
            "    Return the currently active shard level channels matching a <pattern> (default: '*').",
            "SHARDNUMSUB [<shardchannel> ...]",
            "    Return the number of subscribers for the specified shard level channel(s)",
            "HELP",
            "    Print this help."
        };
        c.out().arrayHeader(lines.length);
        for (String l : lines) c.out().simpleString(l);
    }
}
