package io.stocktsdb.server.acl;

/**
 * The outcome of a permission check packed in an int so that checking allocates nothing:
 * {@link #ALLOWED}, or a reason (Redis's ACL_DENIED_* numbering) plus the index of the argument
 * that was refused (a key), 0 for the command itself.
 */
public final class AclVerdict {
    public static final int ALLOWED = 0;
    public static final int DENIED_COMMAND = 1;
    public static final int DENIED_KEY = 2;
    public static final int DENIED_AUTH = 3;
    public static final int DENIED_CHANNEL = 4;

    private AclVerdict() {}

    static int deniedKey(int argIndex) { return DENIED_KEY | argIndex << 8; }

    public static int reason(int verdict) { return verdict & 0xFF; }

    public static int argIndex(int verdict) { return verdict >>> 8; }

    /**
     * Of two refusals from different selectors, the one Redis reports: the later reason
     * (a key beats the command), then the later argument.
     */
    static int moreRelevant(int a, int b) {
        if (reason(b) > reason(a) || (reason(b) == reason(a) && argIndex(b) > argIndex(a))) return b;
        return a;
    }
}
