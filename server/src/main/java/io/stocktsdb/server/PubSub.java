package io.stocktsdb.server;

import io.stocktsdb.common.GlobMatcher;
import io.stocktsdb.server.net.ChannelName;
import io.stocktsdb.server.net.Client;
import io.stocktsdb.server.net.Subscriptions.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's Pub/Sub registry (Redis's pubsub_channels, pubsub_patterns and the shard
 * channels): who subscribes to what, and publishing. Any event loop may publish; each receiver's
 * message is handed to its own connection, which writes it between its replies. A client
 * subscribed to a channel and to a pattern that matches it receives the message twice, and
 * counts twice in PUBLISH's reply, as in Redis.
 */
public final class PubSub {
    private final Map<ChannelName, Set<Client>> channels = new ConcurrentHashMap<>();
    private final Map<ChannelName, Set<Client>> shardChannels = new ConcurrentHashMap<>();
    private final Map<ChannelName, PatternSubscribers> patterns = new ConcurrentHashMap<>();

    /** One pattern's compiled matcher and subscribers. */
    private static final class PatternSubscribers {
        final GlobMatcher matcher;
        final Set<Client> clients = ConcurrentHashMap.newKeySet();

        PatternSubscribers(byte[] pattern) { this.matcher = new GlobMatcher(pattern); }
    }

    /** Subscribes {@code c} (its own thread); false when it already was. */
    public boolean subscribe(Client c, Kind kind, byte[] name) {
        ChannelName n = new ChannelName(name);
        if (!c.subscriptions().add(kind, n)) return false;
        if (kind == Kind.PATTERN) {
            patterns.computeIfAbsent(n, k -> new PatternSubscribers(name)).clients.add(c);
        } else {
            map(kind).computeIfAbsent(n, k -> ConcurrentHashMap.newKeySet()).add(c);
        }
        return true;
    }

    /** Unsubscribes {@code c}; false when it was not subscribed. */
    public boolean unsubscribe(Client c, Kind kind, byte[] name) {
        ChannelName n = new ChannelName(name);
        if (!c.subscriptions().remove(kind, n)) return false;
        if (kind == Kind.PATTERN) {
            patterns.computeIfPresent(n, (k, p) -> {
                p.clients.remove(c);
                return p.clients.isEmpty() ? null : p;
            });
        } else {
            map(kind).computeIfPresent(n, (k, set) -> {
                set.remove(c);
                return set.isEmpty() ? null : set;
            });
        }
        return true;
    }

    /** A closing connection or RESET: drops every subscription of {@code c}. */
    public void unsubscribeAll(Client c) {
        for (Kind kind : Kind.values()) {
            for (ChannelName n : c.subscriptions().list(kind)) unsubscribe(c, kind, n.bytes());
        }
    }

    private Map<ChannelName, Set<Client>> map(Kind kind) { return kind == Kind.SHARD ? shardChannels : channels; }

    /** PUBLISH: delivers to the channel's subscribers, then to the matching patterns'; returns the receivers. */
    public int publish(byte[] channel, byte[] message) {
        int receivers = 0;
        Set<Client> subs = channels.get(new ChannelName(channel));
        if (subs != null && !subs.isEmpty()) {
            byte[] frame = PushFrames.message("message", null, channel, message);
            byte[] frame3 = PushFrames.asPush(frame);
            for (Client c : subs) {
                c.push(frame, frame3);
                receivers++;
            }
        }
        if (patterns.isEmpty()) return receivers;
        for (Map.Entry<ChannelName, PatternSubscribers> e : patterns.entrySet()) {
            PatternSubscribers p = e.getValue();
            if (p.clients.isEmpty() || !p.matcher.matches(channel)) continue;
            byte[] frame = PushFrames.message("pmessage", e.getKey().bytes(), channel, message);
            byte[] frame3 = PushFrames.asPush(frame);
            for (Client c : p.clients) {
                c.push(frame, frame3);
                receivers++;
            }
        }
        return receivers;
    }

    /** SPUBLISH: delivers to the shard channel's subscribers; returns how many. */
    public int spublish(byte[] channel, byte[] message) {
        Set<Client> subs = shardChannels.get(new ChannelName(channel));
        if (subs == null || subs.isEmpty()) return 0;
        byte[] frame = PushFrames.message("smessage", null, channel, message);
        byte[] frame3 = PushFrames.asPush(frame);
        int receivers = 0;
        for (Client c : subs) {
            c.push(frame, frame3);
            receivers++;
        }
        return receivers;
    }

    /** Whether any channel or pattern has a subscriber (keyspace events are built only then). */
    public boolean hasListeners() { return !channels.isEmpty() || !patterns.isEmpty(); }

    /** PUBSUB CHANNELS / SHARDCHANNELS: the active channels matching {@code pattern} (null = all). */
    public List<byte[]> activeChannels(boolean shard, byte[] pattern) {
        GlobMatcher m = pattern == null ? null : new GlobMatcher(pattern);
        List<byte[]> out = new ArrayList<>();
        for (Map.Entry<ChannelName, Set<Client>> e : (shard ? shardChannels : channels).entrySet()) {
            if (e.getValue().isEmpty()) continue;
            byte[] name = e.getKey().bytes();
            if (m == null || m.matches(name)) out.add(name);
        }
        return out;
    }

    /** PUBSUB NUMSUB / SHARDNUMSUB: subscribers of one channel. */
    public int subscribers(boolean shard, byte[] channel) {
        Set<Client> subs = (shard ? shardChannels : channels).get(new ChannelName(channel));
        return subs == null ? 0 : subs.size();
    }

    /** PUBSUB NUMPAT: distinct patterns subscribed to. */
    public int patternCount() { return patterns.size(); }

    /** INFO stats pubsub_channels. */
    public int channelCount() { return channels.size(); }

    /** INFO stats pubsub_shardchannels. */
    public int shardChannelCount() { return shardChannels.size(); }

    /** RESP2 frames of messages ('*'); a RESP3 push differs in its first byte only ('>'). */
    public static final class PushFrames {
        private PushFrames() {}

        /** {@code [kind, (pattern,) channel, message]}. */
        public static byte[] message(String kind, byte[] pattern, byte[] channel, byte[] message) {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(32 + channel.length + message.length);
            header(b, '*', pattern == null ? 3 : 4);
            bulk(b, kind.getBytes(StandardCharsets.US_ASCII));
            if (pattern != null) bulk(b, pattern);
            bulk(b, channel);
            bulk(b, message);
            return b.toByteArray();
        }

        /** The same frame as a RESP3 push. */
        public static byte[] asPush(byte[] resp2) {
            byte[] p = resp2.clone();
            p[0] = '>';
            return p;
        }

        private static void header(java.io.ByteArrayOutputStream b, char type, int n) {
            b.write(type);
            b.writeBytes(Integer.toString(n).getBytes(StandardCharsets.US_ASCII));
            b.write('\r');
            b.write('\n');
        }

        private static void bulk(java.io.ByteArrayOutputStream b, byte[] v) {
            header(b, '$', v.length);
            b.writeBytes(v);
            b.write('\r');
            b.write('\n');
        }
    }
}
