package io.stocktsdb.server;

/** Where the server is in its life; {@code /health} answers 200 only while serving. */
public enum ServerState {
    /** Opening storage and replaying the op log. */
    LOADING("loading"),
    SERVING("ok"),
    /** Refusing new work, draining connections, checkpointing. */
    STOPPING("shutting_down");

    private final String status;

    ServerState(String status) { this.status = status; }

    /** The {@code status} field of {@code /health}. */
    public String status() { return status; }
}
