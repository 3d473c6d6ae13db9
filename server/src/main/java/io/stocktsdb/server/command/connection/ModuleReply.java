package io.stocktsdb.server.command.connection;

import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.ServerInfo;

/** The built-in time-series module as MODULE LIST and HELLO describe it. */
public final class ModuleReply {
    private ModuleReply() {}

    public static void write(RespWriter out) {
        out.mapHeader(4);
        out.bulk("name");
        out.bulk(ServerInfo.TIMESERIES_MODULE);
        out.bulk("ver");
        out.integer(ServerInfo.TIMESERIES_MODULE_VERSION);
        out.bulk("path");
        out.bulk("built-in");
        out.bulk("args");
        out.arrayHeader(0);
    }
}
