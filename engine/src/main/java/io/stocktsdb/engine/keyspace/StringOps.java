package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.common.RedisIntegers;
import io.stocktsdb.engine.error.TsdbError;
import io.stocktsdb.engine.error.TsdbException;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.storage.Op;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The live string commands and deadlines of {@link Keyspace}: the GET/SET family, INCRBY,
 * APPEND, read-modify-write updates, MSETNX, the EXPIRE family, PERSIST and GETEX. Each takes the
 * key's lock, deletes an expired key first, writes and logs.
 */
final class StringOps {
    /** INCRBY's refusals: shared, without a stack trace (they end the command, nothing else). */
    static final TsdbException NOT_INTEGER = new TsdbException(TsdbError.NOT_INTEGER);
    static final TsdbException OVERFLOW = new TsdbException(TsdbError.OVERFLOW);

    private final KeyTable t;

    StringOps(KeyTable table) {
        this.t = table;
    }

    byte[] get(Key key) {
        Object v = t.live(key);
        if (v == null) return null;
        if (v instanceof Series) throw WrongTypeException.INSTANCE;
        return ((StringValue) v).value;
    }

    SetOutcome set(Key key, byte[] value, long expireAtMs, SetMode mode, boolean keepTtl, boolean get) {
        t.lockKey(key);
        try {
            Object cur = t.current(key);
            if (get && cur instanceof Series) throw WrongTypeException.INSTANCE;
            byte[] previous = cur instanceof StringValue s ? s.value : null;
            boolean exists = cur != null;
            if ((mode == SetMode.NX && exists) || (mode == SetMode.XX && !exists)) {
                return get ? new SetOutcome(false, previous) : SetOutcome.NOT_WRITTEN;
            }
            long expireAt = keepTtl && cur != null ? t.expiries.deadline(key) : expireAtMs;
            put(key, value, expireAt);
            return get ? new SetOutcome(true, previous) : SetOutcome.WRITTEN;
        } finally {
            t.unlockKey(key);
        }
    }

    long incrBy(Key key, long delta) {
        t.lockKey(key);
        try {
            Object cur = t.current(key);
            if (cur instanceof Series) throw WrongTypeException.INSTANCE;
            StringValue s = (StringValue) cur;
            long old = 0;
            if (s != null) {
                old = RedisIntegers.parse(s.value, 0, s.value.length);
                if (old == RedisIntegers.INVALID && !RedisIntegers.isMinValue(s.value, 0, s.value.length)) {
                    throw NOT_INTEGER;
                }
            }
            if ((delta < 0 && old < 0 && delta < Long.MIN_VALUE - old) || (delta > 0 && old > 0 && delta > Long.MAX_VALUE - old)) {
                throw OVERFLOW;
            }
            long result = old + delta;
            put(key, Long.toString(result).getBytes(StandardCharsets.US_ASCII), t.expiries.deadline(key));
            return result;
        } finally {
            t.unlockKey(key);
        }
    }

    long append(Key key, byte[] suffix) {
        t.lockKey(key);
        try {
            Object cur = t.current(key);
            if (cur instanceof Series) throw WrongTypeException.INSTANCE;
            StringValue s = (StringValue) cur;
            byte[] old = s == null ? new byte[0] : s.value;
            byte[] joined = new byte[old.length + suffix.length];
            System.arraycopy(old, 0, joined, 0, old.length);
            System.arraycopy(suffix, 0, joined, old.length, suffix.length);
            put(key, joined, t.expiries.deadline(key));
            return joined.length;
        } finally {
            t.unlockKey(key);
        }
    }

    byte[] update(Key key, UnaryOperator<byte[]> update) {
        t.lockKey(key);
        try {
            Object cur = t.current(key);
            if (cur instanceof Series) throw WrongTypeException.INSTANCE;
            byte[] old = cur == null ? null : ((StringValue) cur).value;
            byte[] next = update.apply(old);
            if (next == null) return old;
            put(key, next, t.expiries.deadline(key));
            return next;
        } finally {
            t.unlockKey(key);
        }
    }

    byte[] getAndDelete(Key key) {
        t.lockKey(key);
        try {
            Object cur = t.current(key);
            if (cur == null) return null;
            if (cur instanceof Series) throw WrongTypeException.INSTANCE;
            t.deleteLive(key, cur);
            return ((StringValue) cur).value;
        } finally {
            t.unlockKey(key);
        }
    }

    boolean setAllIfNoneExists(List<Key> keys, List<byte[]> values) {
        int[] stripes = t.lockStripes(keys);
        try {
            for (Key k : keys) if (t.current(k) != null) return false;
            for (int i = 0; i < keys.size(); i++) put(keys.get(i), values.get(i), Expiries.NONE);
            return true;
        } finally {
            t.unlockStripes(stripes);
        }
    }

    /** RESTORE of a string; see {@link Keyspace#restoreString(Key, byte[], long, boolean)}. */
    boolean restore(Key key, byte[] value, long expireAtMs, boolean replace) {
        t.lockKey(key);
        try {
            Object cur = t.current(key);
            if (cur != null && !replace) return false;
            if (expireAtMs >= 0 && expireAtMs <= t.clock.getAsLong()) {
                if (cur != null) t.delete(key);
                return true;
            }
            put(key, value, expireAtMs);
            return true;
        } finally {
            t.unlockKey(key);
        }
    }

    // ------------------------------------------------------------------ deadlines

    long expireAtMs(Key key) {
        if (t.live(key) == null) return -2;
        return t.expiries.deadline(key);
    }

    ExpireOutcome expire(Key key, long atMs, ExpireCondition condition) {
        t.lockKey(key);
        try {
            Object cur = t.current(key);
            if (cur == null) return ExpireOutcome.NO_KEY;
            if (!condition.allows(t.expiries.deadline(key), atMs)) return ExpireOutcome.CONDITION_NOT_MET;
            if (atMs <= t.clock.getAsLong()) {
                t.deleteLive(key, cur);
                return ExpireOutcome.DELETED;
            }
            t.setDeadline(key, atMs);
            return ExpireOutcome.SET;
        } finally {
            t.unlockKey(key);
        }
    }

    boolean persist(Key key) {
        t.lockKey(key);
        try {
            if (t.current(key) == null || t.expiries.deadline(key) < 0) return false;
            t.setDeadline(key, Expiries.NONE);
            return true;
        } finally {
            t.unlockKey(key);
        }
    }

    GetExOutcome getEx(Key key, long atMs, boolean persist) {
        t.lockKey(key);
        try {
            Object cur = t.current(key);
            if (cur == null) return GetExOutcome.ABSENT;
            if (cur instanceof Series) throw WrongTypeException.INSTANCE;
            byte[] value = ((StringValue) cur).value;
            if (atMs >= 0) {
                if (atMs <= t.clock.getAsLong()) {
                    t.deleteLive(key, cur);
                    return new GetExOutcome(value, GetExOutcome.Change.DELETED);
                }
                t.setDeadline(key, atMs);
                return new GetExOutcome(value, GetExOutcome.Change.EXPIRE);
            }
            if (persist && t.expiries.deadline(key) >= 0) {
                t.setDeadline(key, Expiries.NONE);
                return new GetExOutcome(value, GetExOutcome.Change.PERSIST);
            }
            return new GetExOutcome(value, GetExOutcome.Change.NONE);
        } finally {
            t.unlockKey(key);
        }
    }

    /** Deletes {@code key} if its deadline passed; true when it did. */
    boolean expireNow(Key key) {
        t.lockKey(key);
        try {
            return t.map.get(key) != null && t.expiries.due(key, t.clock.getAsLong()) && t.current(key) == null;
        } finally {
            t.unlockKey(key);
        }
    }

    // ------------------------------------------------------------------ the write

    /** Under the key's lock: writes a string over whatever the key holds (a series loses its links) and logs it. */
    void put(Key key, byte[] value, long expireAtMs) {
        Object cur = t.map.get(key);
        StringValue sv = new StringValue(value);
        if (cur instanceof Series s) {
            LinkedLocks locks = LinkedLocks.lock(t.map::get, s);
            try {
                t.removeEntry(key, cur);
                t.putEntry(key, sv, expireAtMs);
                t.logGroup(() -> {
                    t.store.log(new Op.SetString(key, value, expireAtMs));
                    locks.unlinkRemoved(s, key);
                });
            } finally {
                locks.unlock();
            }
            return;
        }
        t.writeString(key, sv, expireAtMs);
        t.store.log(new Op.SetString(key, value, expireAtMs));
    }
}
