package io.stocktsdb.server.cli;

import picocli.CommandLine.Option;

/** Where the command-line tools find the server. */
public final class ClientOptions {
    @Option(names = "--host", paramLabel = "HOST", description = "server address (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "server RESP port (default: ${DEFAULT-VALUE})")
    int port = 6379;

    @Option(names = {"-a", "--password"}, paramLabel = "PASSWORD",
            description = "requirepass of the server (default: $STOCKTSDB_PASSWORD, else none)")
    String password = System.getenv("STOCKTSDB_PASSWORD");
}
