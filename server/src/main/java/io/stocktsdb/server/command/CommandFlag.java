package io.stocktsdb.server.command;

import java.util.Locale;

/** Redis command flags, as COMMAND INFO prints them; several drive the dispatcher's checks. */
public enum CommandFlag {
    WRITE, READONLY, DENYOOM, ADMIN,
    /** Pub/Sub commands (Redis's "pubsub" flag, listed in Redis's order). */
    PUBSUB,
    NOSCRIPT, LOADING, STALE, FAST,
    /** Allowed before authentication (AUTH, HELLO, QUIT...). */
    NO_AUTH,
    MAY_REPLICATE,
    /** Not allowed inside MULTI. */
    NO_MULTI,
    SKIP_SLOWLOG, ALLOW_BUSY,
    /** Refused unless enable-debug-command allows it for this connection (DEBUG). */
    PROTECTED,
    /** Runs immediately inside MULTI instead of being queued (MULTI, EXEC, DISCARD, QUIT, RESET). */
    TRANSACTION_CONTROL;

    /** The name COMMAND INFO prints. */
    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    public boolean visible() { return this != TRANSACTION_CONTROL; }
}
