package io.stocktsdb.server.command.ts;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.stocktsdb.engine.error.TsdbException;
import io.stocktsdb.engine.query.IndexQuery;
import io.stocktsdb.engine.query.IndexResult;
import io.stocktsdb.engine.query.MGetQuery;
import io.stocktsdb.engine.query.MGetResult;
import io.stocktsdb.engine.query.MRangeQuery;
import io.stocktsdb.engine.query.MRangeResult;
import io.stocktsdb.engine.query.QueryCodec;
import io.stocktsdb.engine.query.QueryMerge;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.cluster.ClusterMode;
import io.stocktsdb.server.cluster.Topology;
import io.stocktsdb.server.cluster.ShardFanOut;
import io.stocktsdb.server.cluster.ShardQueryFailure;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;
import io.stocktsdb.server.net.DeferredReplies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator of TS.MGET/MRANGE/MREVRANGE/QUERYINDEX on a cluster of several shards, on the
 * node the client asked: this node's shard answers through the engine when this node may serve
 * it (its leader, or any member for a READONLY connection), every other shard through
 * {@link ShardFanOut}; the parts are merged by {@code QueryMerge} and the reply is written by
 * the same code as on a single node, so it is the reply a node holding all the data would give.
 * All or nothing: a shard that cannot answer turns the whole reply into an error. The reply is
 * deferred (the connection keeps reply order) and the query starts once the commands sent
 * before it on the connection have taken effect; nothing blocks the event loop.
 */
final class CrossShardQueries {
    private static final Logger log = LoggerFactory.getLogger(CrossShardQueries.class);

    private final TsContext ts;

    CrossShardQueries(TsContext ts) {
        this.ts = ts;
    }

    /** Whether label-filtered queries must gather several shards' parts here. */
    boolean active() {
        ClusterMode cluster = ts.server.cluster();
        return cluster != null && cluster.multiShard();
    }

    void mrange(Client c, String command, MRangeQuery q, BiConsumer<Client, MRangeResult> write) {
        gather(c, command, QueryCodec.encode(q), () -> ts.queries().mrangePart(q), QueryCodec::decodeMRangePart,
                parts -> write.accept(c, QueryMerge.mrange(q, parts)));
    }

    void mget(Client c, MGetQuery q, BiConsumer<Client, MGetResult> write) {
        gather(c, "ts.mget", QueryCodec.encode(q), () -> ts.queries().mgetPart(q), QueryCodec::decodeMGetResult,
                parts -> write.accept(c, QueryMerge.mget(parts)));
    }

    void queryIndex(Client c, IndexQuery q, BiConsumer<Client, IndexResult> write) {
        gather(c, "ts.queryindex", QueryCodec.encode(q), () -> ts.queries().queryIndexPart(q), QueryCodec::decodeIndexResult,
                parts -> write.accept(c, QueryMerge.queryIndex(parts)));
    }

    private <P> void gather(Client c, String command, byte[] query, Supplier<P> localPart, Function<byte[], P> decode,
                            Consumer<List<P>> write) {
        DeferredReplies replies = c.deferredReplies();
        ClusterMode cluster = ts.server.cluster();
        ShardFanOut fanOut = cluster.fanOut();
        if (replies == null || fanOut == null) throw new CommandException(Errors.CROSS_SHARD_NO_CONNECTION);
        boolean readonly = c.routing().readonly();
        Topology topology = cluster.topology();
        int mine = topology.myShard().shardId();
        boolean localServes = readonly || cluster.roles().localLeaderReady(mine);
        List<Integer> remote = new ArrayList<>();
        for (Topology.Shard s : topology.shards()) if (!(localServes && s.shardId() == mine)) remote.add(s.shardId());
        EventLoop loop = c.channel().eventLoop();
        CompletableFuture<ByteBuf> reply = replies.settled().thenComposeAsync(x -> {
            P local = localServes ? localPart.get() : null;
            return fanOut.ask(remote, query, readonly, loop).thenApplyAsync(answers -> {
                List<P> parts = new ArrayList<>(answers.size() + 1);
                if (local != null) parts.add(local);
                for (byte[] answer : answers) parts.add(decode.apply(answer));
                return capture(c, () -> write.accept(parts));
            }, loop);
        }, loop).exceptionally(e -> error(command, e));
        replies.defer(reply);
    }

    /** Writes the merged reply into a buffer of its own; a refusal found by the checks replaces it whole. */
    private ByteBuf capture(Client c, Runnable write) {
        RespWriter out = c.out();
        ByteBuf previous = out.target();
        ByteBuf buf = Unpooled.buffer(256);
        out.target(buf);
        try {
            write.run();
        } catch (CommandException | TsdbException e) {
            buf.clear();
            String message = e instanceof TsdbException t ? Errors.of(t) : e.getMessage();
            out.error(message);
            ts.server.stats().recordError(message);
        } finally {
            out.target(previous);
        }
        return buf;
    }

    private ByteBuf error(String command, Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        String message;
        if (t instanceof ShardQueryFailure f) {
            message = Errors.crossShard(command, f);
        } else if (t instanceof CommandException) {
            message = t.getMessage();
        } else if (t instanceof TsdbException te) {
            message = Errors.of(te);
        } else {
            log.error("cross-shard {} failed", command, t);
            message = Errors.INTERNAL;
        }
        ts.server.stats().recordError(message);
        return Unpooled.wrappedBuffer(("-" + message + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
}
