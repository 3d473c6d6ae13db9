package io.stocktsdb.server.acl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * ACL LOG: recent refusals, newest first. Like Redis, a refusal similar to one of the last ten
 * entries (same reason, context, object and user within 60 s) bumps that entry's count instead
 * of adding a new one.
 */
public final class AclLog {
    private static final long GROUPING_MAX_DELTA_MILLIS = 60_000;
    private static final int GROUPING_SCAN = 10;

    /** One entry as ACL LOG shows it. */
    public static final class Entry {
        private long count = 1;
        private final int reason;
        private final String context;
        private final String object;
        private final String username;
        private long updatedMillis;
        private String clientInfo;
        private final long entryId;
        private final long createdMillis;

        private Entry(int reason, String context, String object, String username, long now, String clientInfo, long entryId) {
            this.reason = reason;
            this.context = context;
            this.object = object;
            this.username = username;
            this.updatedMillis = now;
            this.clientInfo = clientInfo;
            this.entryId = entryId;
            this.createdMillis = now;
        }

        private Entry copy() {
            Entry c = new Entry(reason, context, object, username, createdMillis, clientInfo, entryId);
            c.count = count;
            c.updatedMillis = updatedMillis;
            return c;
        }

        public long count() { return count; }

        /** command, key, channel or auth. */
        public String reason() {
            switch (reason) {
                case AclVerdict.DENIED_COMMAND: return "command";
                case AclVerdict.DENIED_KEY: return "key";
                case AclVerdict.DENIED_CHANNEL: return "channel";
                case AclVerdict.DENIED_AUTH: return "auth";
                default: return "unknown";
            }
        }

        /** toplevel or multi. */
        public String context() { return context; }

        public String object() { return object; }

        public String username() { return username; }

        public long updatedMillis() { return updatedMillis; }

        public String clientInfo() { return clientInfo; }

        public long entryId() { return entryId; }

        public long createdMillis() { return createdMillis; }
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private long nextEntryId;
    final LongAdder authFailures = new LongAdder();
    final LongAdder commandDenials = new LongAdder();
    final LongAdder keyDenials = new LongAdder();
    final LongAdder channelDenials = new LongAdder();

    public synchronized void add(int reason, String context, String object, String username, String clientInfo, int maxLen) {
        counter(reason).increment();
        if (maxLen == 0) {
            entries.clear();
            return;
        }
        long now = System.currentTimeMillis();
        int scanned = 0;
        for (Iterator<Entry> it = entries.iterator(); it.hasNext() && scanned < GROUPING_SCAN; scanned++) {
            Entry e = it.next();
            if (e.reason == reason && e.context.equals(context) && Math.abs(e.updatedMillis - now) <= GROUPING_MAX_DELTA_MILLIS
                    && e.object.equals(object) && e.username.equals(username)) {
                it.remove();
                e.count++;
                e.updatedMillis = now;
                e.clientInfo = clientInfo;
                entries.addFirst(e);
                return;
            }
        }
        entries.addFirst(new Entry(reason, context, object, username, now, clientInfo, nextEntryId++));
        while (entries.size() > maxLen) entries.removeLast();
    }

    private LongAdder counter(int reason) {
        switch (reason) {
            case AclVerdict.DENIED_AUTH: return authFailures;
            case AclVerdict.DENIED_KEY: return keyDenials;
            case AclVerdict.DENIED_CHANNEL: return channelDenials;
            default: return commandDenials;
        }
    }

    /** Copies of up to {@code count} entries, newest first. */
    public synchronized List<Entry> latest(long count) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (out.size() >= count) break;
            out.add(e.copy());
        }
        return out;
    }

    public synchronized void reset() { entries.clear(); }

    /** CONFIG RESETSTAT: the acl_access_denied_* counters of INFO stats (the log's entries stay). */
    public void resetCounters() {
        authFailures.reset();
        commandDenials.reset();
        keyDenials.reset();
        channelDenials.reset();
    }

    public synchronized void trim(int maxLen) {
        while (entries.size() > maxLen) entries.removeLast();
    }

    public long authFailures() { return authFailures.sum(); }

    public long commandDenials() { return commandDenials.sum(); }

    public long keyDenials() { return keyDenials.sum(); }

    public long channelDenials() { return channelDenials.sum(); }
}
