package io.stocktsdb.engine.keyspace;

/** What an EXPIRE-family call did. */
public enum ExpireOutcome {
    /** The key does not exist (reply 0). */
    NO_KEY,
    /** NX, XX, GT or LT refused the change (reply 0). */
    CONDITION_NOT_MET,
    /** The deadline is set (reply 1, event "expire"). */
    SET,
    /** The deadline was not in the future, so the key was deleted (reply 1, event "del"). */
    DELETED
}
