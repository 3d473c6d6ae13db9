package io.stocktsdb.server.acl;

/**
 * Which arguments of a command are Pub/Sub channels, for the channel rules (&pattern): PUBLISH
 * and SPUBLISH's first, every argument of SUBSCRIBE and SSUBSCRIBE, and PSUBSCRIBE's patterns,
 * which a rule allows only when it is the very same pattern (Redis's ACLCheckChannelAgainstList).
 * The unsubscribe commands are never refused. SPUBLISH/SSUBSCRIBE's channels are routed like
 * keys in cluster mode but are not keys for the key rules.
 */
public final class ChannelArguments {
    public static final int NONE = 0;
    public static final int FIRST = 1;
    public static final int ALL = 2;
    public static final int ALL_PATTERNS = 3;

    private ChannelArguments() {}

    public static int of(AclCommand cmd) {
        switch (cmd.name()) {
            case "publish":
            case "spublish": return FIRST;
            case "subscribe":
            case "ssubscribe": return ALL;
            case "psubscribe": return ALL_PATTERNS;
            default: return NONE;
        }
    }

    /** Whether the command's key positions hold channels rather than keys. */
    public static boolean keysAreChannels(AclCommand cmd) {
        switch (cmd.name()) {
            case "spublish":
            case "ssubscribe":
            case "sunsubscribe": return true;
            default: return false;
        }
    }
}
