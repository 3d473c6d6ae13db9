package io.stocktsdb.server.command;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.net.Client;

/** Executes one command after the dispatcher's generic checks passed; replies through {@code client.out()}. */
@FunctionalInterface
public interface CommandHandler {
    void execute(Client client, RespRequest args);
}
