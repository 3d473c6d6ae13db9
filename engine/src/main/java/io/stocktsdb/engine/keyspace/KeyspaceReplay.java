package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.series.SeriesInternals;
import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.storage.Op;

/**
 * Recovery's path into the keyspace: applies a structural op read from the log at its original
 * sequence number. Unlike the live operations it logs nothing, ignores deadlines (the log says
 * what happened) and does not touch compaction links (the partners' own logged ALTERs carry
 * them), so a series only needs its own lock while it changes.
 */
final class KeyspaceReplay {
    private final KeyTable t;

    KeyspaceReplay(KeyTable table) {
        this.t = table;
    }

    void apply(Op op, long seq) {
        if (op instanceof Op.CreateSeries c) {
            createSeries(c, seq);
        } else if (op instanceof Op.DeleteKey d) {
            delete(d.key());
        } else if (op instanceof Op.Rename r) {
            rename(r.src(), r.dst(), seq);
        } else if (op instanceof Op.SetString s) {
            setString(s.key(), new StringValue(s.value()), s.expireAtMs());
        } else if (op instanceof Op.SetBigString b) {
            setString(b.key(), new StringValue(t.store.bigValues().read(b.valueId(), b.length()), b.valueId()), b.expireAtMs());
        } else if (op instanceof Op.RestoreSeries r) {
            restoreSeries(r, seq);
        } else if (op instanceof Op.SetExpiry x) {
            setExpiry(x);
        } else if (op instanceof Op.FlushAll) {
            t.structure.writeLock().lock();
            try {
                t.wipe();
            } finally {
                t.structure.writeLock().unlock();
            }
        } else {
            throw new IllegalArgumentException("not a structural op: " + op.code());
        }
    }

    private Business businessOf(String name, Key key) {
        Business b = t.router.byName(name);
        return b == null ? t.router.route(key) : b;
    }

    private void createSeries(Op.CreateSeries c, long seq) {
        t.lockKey(c.key());
        try {
            Object cur = t.map.get(c.key());
            if (cur != null) t.removeEntry(c.key(), cur);
            Series s = t.mapNewSeries(c.key(), c.seriesId(), businessOf(c.business(), c.key()), c.options());
            try {
                SeriesInternals.applied(s, seq);
                t.listener.seriesCreated(s);
            } finally {
                SeriesInternals.unlockStructural(s);
            }
            t.idSeen(c.seriesId());
        } finally {
            t.unlockKey(c.key());
        }
    }

    private void restoreSeries(Op.RestoreSeries r, long seq) {
        t.lockKey(r.key());
        try {
            Object cur = t.map.get(r.key());
            if (cur != null) t.removeEntry(r.key(), cur);
            Series x = SeriesInternals.create(r.seriesId(), r.key(), businessOf(r.business(), r.key()), r.options(), t.store, 0, true);
            SeriesInternals.fillFromChunks(x, r.chunks());
            t.publish(x, seq);
            t.idSeen(r.seriesId());
        } finally {
            t.unlockKey(r.key());
        }
    }

    private void delete(Key key) {
        t.lockKey(key);
        try {
            Object cur = t.map.get(key);
            if (cur instanceof Series s) {
                SeriesInternals.lockStructural(s);
                try {
                    t.removeEntry(key, cur);
                } finally {
                    SeriesInternals.unlockStructural(s);
                }
            } else if (cur != null) {
                t.removeEntry(key, cur);
            }
        } finally {
            t.unlockKey(key);
        }
    }

    private void rename(Key src, Key dst, long seq) {
        t.lock2(src, dst);
        try {
            Object cur = t.map.get(src);
            if (cur == null || src.equals(dst)) return;
            Object target = t.map.get(dst);
            long deadline = t.expiries.deadline(src);
            if (cur instanceof Series s) {
                SeriesInternals.lockStructural(s);
                try {
                    if (target != null) t.removeEntry(dst, target);
                    t.moveSeries(s, src, dst, deadline);
                    SeriesInternals.applied(s, seq);
                    t.listener.seriesRenamed(s, src);
                } finally {
                    SeriesInternals.unlockStructural(s);
                }
            } else {
                StringValue sv = (StringValue) cur;
                if (target != null) t.removeEntry(dst, target);
                t.removeEntry(src, sv);
                t.putEntry(dst, sv, deadline);
            }
        } finally {
            t.unlock2(src, dst);
        }
    }

    private void setString(Key key, StringValue sv, long expireAtMs) {
        t.lockKey(key);
        try {
            if (t.map.get(key) instanceof Series s) {
                SeriesInternals.lockStructural(s);
                try {
                    t.removeEntry(key, s);
                    t.putEntry(key, sv, expireAtMs);
                } finally {
                    SeriesInternals.unlockStructural(s);
                }
            } else {
                t.writeString(key, sv, expireAtMs);
            }
        } finally {
            t.unlockKey(key);
        }
    }

    private void setExpiry(Op.SetExpiry x) {
        t.lockKey(x.key());
        try {
            if (t.map.containsKey(x.key())) {
                t.expiries.set(x.key(), x.expireAtMs());
                t.keyChanged(x.key());
            }
        } finally {
            t.unlockKey(x.key());
        }
    }
}
