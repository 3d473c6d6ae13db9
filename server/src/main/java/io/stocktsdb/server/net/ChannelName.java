package io.stocktsdb.server.net;

import java.util.Arrays;

/** A channel name or pattern: bytes compared by content, as Redis's dictionaries of channels do. */
public final class ChannelName {
    private final byte[] bytes;
    private final int hash;

    public ChannelName(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** The name's bytes (not copied: never modify them). */
    public byte[] bytes() { return bytes; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelName && Arrays.equals(bytes, ((ChannelName) o).bytes);
    }

    @Override
    public int hashCode() { return hash; }
}
