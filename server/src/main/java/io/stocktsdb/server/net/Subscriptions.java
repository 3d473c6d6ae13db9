package io.stocktsdb.server.net;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One connection's Pub/Sub subscriptions: channels, patterns and shard channels, in the order
 * subscribed. Changed on the connection's own thread; read from others (CLIENT LIST, the check
 * that closes subscribers whose channel permissions an ACL change revoked).
 */
public final class Subscriptions {
    private final Set<ChannelName> channels = new LinkedHashSet<>();
    private final Set<ChannelName> patterns = new LinkedHashSet<>();
    private final Set<ChannelName> shardChannels = new LinkedHashSet<>();
    private volatile int channelCount;
    private volatile int patternCount;
    private volatile int shardCount;

    /** The set of one kind: {@link Kind#CHANNEL}, {@link Kind#PATTERN} or {@link Kind#SHARD}. */
    private Set<ChannelName> set(Kind kind) {
        switch (kind) {
            case CHANNEL: return channels;
            case PATTERN: return patterns;
            default: return shardChannels;
        }
    }

    /** Adds a subscription; false when it was already there. */
    public synchronized boolean add(Kind kind, ChannelName name) {
        boolean added = set(kind).add(name);
        recount();
        return added;
    }

    /** Removes a subscription; false when there was none. */
    public synchronized boolean remove(Kind kind, ChannelName name) {
        boolean removed = set(kind).remove(name);
        recount();
        return removed;
    }

    /** The subscriptions of one kind, in the order made (a copy). */
    public synchronized List<ChannelName> list(Kind kind) { return new ArrayList<>(set(kind)); }

    private void recount() {
        channelCount = channels.size();
        patternCount = patterns.size();
        shardCount = shardChannels.size();
    }

    public int channels() { return channelCount; }

    public int patterns() { return patternCount; }

    public int shardChannels() { return shardCount; }

    /** Redis's clientSubscriptionsCount: channels plus patterns (what SUBSCRIBE and PSUBSCRIBE replies count). */
    public int channelsAndPatterns() { return channelCount + patternCount; }

    /** Whether the connection is in the Pub/Sub context (flag P; RESP2 then allows only the subscription commands). */
    public boolean active() { return channelCount + patternCount + shardCount > 0; }

    /** The three kinds of subscription. */
    public enum Kind { CHANNEL, PATTERN, SHARD }
}
