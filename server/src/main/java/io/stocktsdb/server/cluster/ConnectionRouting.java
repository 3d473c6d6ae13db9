package io.stocktsdb.server.cluster;

/**
 * A connection's cluster state: READONLY (reads may be served by a follower, possibly stale)
 * until READWRITE, and the one-command ASKING flag. Touched only by the connection's thread.
 */
public final class ConnectionRouting {
    private boolean readonly;
    private boolean asking;

    public boolean readonly() { return readonly; }

    public void readonly(boolean v) { this.readonly = v; }

    public boolean asking() { return asking; }

    /** ASKING: lasts for the next command only. */
    public void asking(boolean v) { this.asking = v; }
}
