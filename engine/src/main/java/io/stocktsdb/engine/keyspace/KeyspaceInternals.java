package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.storage.Op;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The engine's maintenance door into the {@link Keyspace}: key locks and op-log groups for the
 * compaction service, the raw entries the checkpointer writes, and recovery's restore and replay.
 * Never used by the server, which sees only the command API on {@link Keyspace}
 * (ServerArchitectureTest holds that).
 */
public final class KeyspaceInternals {
    private KeyspaceInternals() {}

    /**
     * Compaction rule changes: holds both keys' stripe locks, as a key-level mutation of two keys
     * does, so neither key is deleted, renamed or overwritten meanwhile.
     */
    public static void lockKeys(Keyspace ks, Key a, Key b) {
        ks.lockKeys(a, b);
    }

    public static void unlockKeys(Keyspace ks, Key a, Key b) {
        ks.unlockKeys(a, b);
    }

    /** Runs {@code logging} as one op-log group (see OpLog#beginGroup). */
    public static void logGroup(Keyspace ks, Runnable logging) {
        ks.logGroup(logging);
    }

    /** The checkpoint holds this exclusively while it snapshots. */
    public static ReentrantReadWriteLock structureLock(Keyspace ks) {
        return ks.structureLock();
    }

    /** The raw entry (a string or a Series) for the checkpoint and recovery, expired or not; null when absent. */
    public static Object rawEntry(Keyspace ks, Key key) {
        return ks.rawEntry(key);
    }

    /** A raw entry's string value; null when it is not a string. */
    public static byte[] stringValueOf(Object entry) {
        return Keyspace.stringValueOf(entry);
    }

    /** A key's deadline as stored (-1 = none), expired or not, for the checkpoint. */
    public static long deadlineOf(Keyspace ks, Key key) {
        return ks.deadlineOf(key);
    }

    /** Recovery: a string from its metadata record ({@code valueId} 0: stored inline). */
    public static void recoverString(Keyspace ks, Key key, byte[][] parts, long valueId, long expireAtMs) {
        ks.recoverString(key, parts, valueId, expireAtMs);
    }

    /** A raw entry's string length (a big value is not joined); -1 when not a string. */
    public static long stringLengthOf(Object entry) {
        return Keyspace.stringLengthOf(entry);
    }

    /** A raw entry's big value id (stored in parts), 0 when inline or not a string. */
    public static long bigValueIdOf(Object entry) {
        return Keyspace.bigValueIdOf(entry);
    }

    /** Checkpoint, under the exclusive structure lock: big values nothing refers to. */
    public static long[] unreferencedBigValues(Keyspace ks) {
        return ks.unreferencedBigValues();
    }

    /** Checkpoint: the parts of these values are deleted. */
    public static void forgetBigValues(Keyspace ks, long[] ids) {
        ks.forgetBigValues(ids);
    }

    /** Recovery: whether a record met during recovery names this big value. */
    public static boolean knowsBigValue(Keyspace ks, long id) {
        return ks.knowsBigValue(id);
    }

    /** Recovery: a series from its metadata record, chunks restored by the caller. */
    public static void recoverSeries(Keyspace ks, Series s, long expireAtMs) {
        ks.recoverSeries(s, expireAtMs);
    }

    /** Recovery: applies a structural op read from the log with its original seq. */
    public static void replay(Keyspace ks, Op op, long seq) {
        ks.replay(op, seq);
    }

    /** A reload: {@code fresh} (recovered from the same store) takes {@code old}'s listeners and counters. */
    public static void takeOver(Keyspace fresh, Keyspace old) {
        fresh.takeOverFrom(old);
    }
}
