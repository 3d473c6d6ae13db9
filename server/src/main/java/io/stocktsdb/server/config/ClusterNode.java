package io.stocktsdb.server.config;

/** A peer named in {@code cluster_nodes}. */
public record ClusterNode(String nodeId, String host, int port) {}
