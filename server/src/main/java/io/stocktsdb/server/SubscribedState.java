package io.stocktsdb.server;

import io.stocktsdb.server.command.CommandSpec;
import java.util.Set;

/** RESP2 connections with subscriptions may run only these commands (Redis's processCommand rule). */
final class SubscribedState {
    private static final Set<String> ALLOWED = Set.of(
            "ping", "subscribe", "ssubscribe", "unsubscribe", "sunsubscribe", "psubscribe", "punsubscribe", "quit", "reset");

    private SubscribedState() {}

    static boolean allows(CommandSpec spec) { return ALLOWED.contains(spec.name()); }
}
