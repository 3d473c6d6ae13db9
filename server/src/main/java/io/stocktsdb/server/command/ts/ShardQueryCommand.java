package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.query.IndexResult;
import io.stocktsdb.engine.query.LastSample;
import io.stocktsdb.engine.query.MGetResult;
import io.stocktsdb.engine.query.MRangePart;
import io.stocktsdb.engine.query.QueryCodec;
import io.stocktsdb.engine.query.Queries;
import io.stocktsdb.engine.query.SeriesRows;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.cluster.ClusterMode;
import io.stocktsdb.server.cluster.Topology;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandFlag;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;

/**
 * {@code SHARD_QUERY version shard query}: the internal command a coordinator sends to each
 * shard of a cross-shard TS.MGET/MRANGE/MREVRANGE/QUERYINDEX ({@code cluster/ShardFanOut}). The node
 * answers its shard's part (a bulk string, {@code QueryCodec}) when it serves the shard now: it
 * leads it, or the connection is READONLY and it is a member; otherwise {@code TRYAGAIN}, so that
 * no other node's data ever stands in for the shard. A topology version other than this node's
 * is refused.
 *
 * <p>ACL: the command is an ordinary {@code @read @timeseries} command and runs with the
 * permissions of the connection's user: every series the filter matched must be readable by it
 * ({@code NOPERM}, as TS.MRANGE), so it gives no more than TS.MRANGE on this shard would. The
 * coordinator checks its own client's permissions on the merged answer.
 */
final class ShardQueryCommand {
    private final TsContext ts;

    ShardQueryCommand(TsContext ts) {
        this.ts = ts;
    }

    void register(CommandRegistry r) {
        r.register(TsSpecs.read("shard_query", 4, "0.1.0",
                "Answers this shard's part of a cross-shard query (sent between the nodes of a cluster)", this::shardQuery)
                .flags(CommandFlag.NO_MULTI).build());
    }

    private void shardQuery(Client c, RespRequest a) {
        ClusterMode cluster = ts.server.cluster();
        if (cluster == null) throw new CommandException(Errors.SHARD_QUERY_STANDALONE);
        Topology topology = cluster.topology();
        if (!a.string(1).equals(Long.toString(topology.version()))) {
            throw new CommandException(Errors.shardQueryTopology(a.string(1), topology.version()));
        }
        int mine = topology.myShard().shardId();
        boolean serving = a.string(2).equals(Integer.toString(mine))
                && (cluster.roles().localLeaderReady(mine) || c.routing().readonly());
        if (!serving) throw new CommandException(Errors.shardNotServed(parseShard(a.string(2)), topology.myselfNodeId()));
        byte[] message = a.bytes(3);
        QueryCodec.Kind kind;
        try {
            kind = QueryCodec.kind(message);
        } catch (IllegalArgumentException e) {
            throw new CommandException(Errors.SHARD_QUERY_BAD);
        }
        c.out().bulk(answer(c, kind, message));
    }

    private byte[] answer(Client c, QueryCodec.Kind kind, byte[] message) {
        Queries queries = ts.queries();
        try {
            switch (kind) {
                case MRANGE_QUERY -> {
                    MRangePart part = queries.mrangePart(QueryCodec.decodeMRangeQuery(message));
                    MultiCommands.checkReadPermission(c, part.series(), SeriesRows::key);
                    return QueryCodec.encode(part);
                }
                case MGET_QUERY -> {
                    MGetResult part = queries.mgetPart(QueryCodec.decodeMGetQuery(message));
                    MultiCommands.checkReadPermission(c, part.entries(), LastSample::key);
                    return QueryCodec.encode(part);
                }
                case INDEX_QUERY -> {
                    IndexResult part = queries.queryIndexPart(QueryCodec.decodeIndexQuery(message));
                    MultiCommands.checkReadPermission(c, part.keys(), k -> k);
                    return QueryCodec.encode(part);
                }
                default -> throw new CommandException(Errors.SHARD_QUERY_BAD);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandException(Errors.SHARD_QUERY_BAD);
        }
    }

    private static int parseShard(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

}
