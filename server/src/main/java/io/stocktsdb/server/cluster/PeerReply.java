package io.stocktsdb.server.cluster;

/**
 * One reply read from a peer on an internal connection: a simple string, integer or bulk string
 * ({@code data}, null for a null bulk), or an error ({@code error} true, {@code data} its text).
 */
record PeerReply(boolean error, byte[] data) {
    String text() {
        return data == null ? "" : new String(data, java.nio.charset.StandardCharsets.UTF_8);
    }
}
