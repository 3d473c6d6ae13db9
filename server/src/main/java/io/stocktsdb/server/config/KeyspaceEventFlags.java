package io.stocktsdb.server.config;

/**
 * {@code notify-keyspace-events}: Redis's event classes as bits, parsed from and rendered to its
 * flag letters exactly as Redis does (keyspaceEventsStringToFlags / keyspaceEventsFlagsToString),
 * including its quirk that 'A' swallows n, o and c when rendered.
 */
public final class KeyspaceEventFlags {
    public static final int KEYSPACE = 1;
    public static final int KEYEVENT = 1 << 1;
    public static final int GENERIC = 1 << 2;
    public static final int STRING = 1 << 3;
    public static final int LIST = 1 << 4;
    public static final int SET = 1 << 5;
    public static final int HASH = 1 << 6;
    public static final int ZSET = 1 << 7;
    public static final int EXPIRED = 1 << 8;
    public static final int EVICTED = 1 << 9;
    public static final int STREAM = 1 << 10;
    public static final int KEY_MISS = 1 << 11;
    public static final int MODULE = 1 << 12;
    public static final int NEW = 1 << 13;
    public static final int OVERWRITTEN = 1 << 14;
    public static final int TYPE_CHANGED = 1 << 15;
    /** 'A': every class of key event except key misses, new keys, overwrites and type changes. */
    public static final int ALL = GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;
    /** Redis's CONFIG SET error for a letter it does not know. */
    public static final String INVALID = "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";

    private KeyspaceEventFlags() {}

    /** The bits of {@code classes}; throws with Redis's message on an unknown letter. */
    public static int parse(String classes) {
        int flags = 0;
        for (int i = 0; i < classes.length(); i++) {
            switch (classes.charAt(i)) {
                case 'A': flags |= ALL; break;
                case 'g': flags |= GENERIC; break;
                case '$': flags |= STRING; break;
                case 'l': flags |= LIST; break;
                case 's': flags |= SET; break;
                case 'h': flags |= HASH; break;
                case 'z': flags |= ZSET; break;
                case 'x': flags |= EXPIRED; break;
                case 'e': flags |= EVICTED; break;
                case 'K': flags |= KEYSPACE; break;
                case 'E': flags |= KEYEVENT; break;
                case 't': flags |= STREAM; break;
                case 'm': flags |= KEY_MISS; break;
                case 'd': flags |= MODULE; break;
                case 'n': flags |= NEW; break;
                case 'o': flags |= OVERWRITTEN; break;
                case 'c': flags |= TYPE_CHANGED; break;
                default: throw new ConfigException(INVALID);
            }
        }
        return flags;
    }

    /** As CONFIG GET shows it. */
    public static String render(int flags) {
        StringBuilder sb = new StringBuilder();
        if ((flags & ALL) == ALL) {
            sb.append('A');
        } else {
            append(sb, flags, GENERIC, 'g');
            append(sb, flags, STRING, '$');
            append(sb, flags, LIST, 'l');
            append(sb, flags, SET, 's');
            append(sb, flags, HASH, 'h');
            append(sb, flags, ZSET, 'z');
            append(sb, flags, EXPIRED, 'x');
            append(sb, flags, EVICTED, 'e');
            append(sb, flags, STREAM, 't');
            append(sb, flags, MODULE, 'd');
            append(sb, flags, NEW, 'n');
            append(sb, flags, OVERWRITTEN, 'o');
            append(sb, flags, TYPE_CHANGED, 'c');
        }
        append(sb, flags, KEYSPACE, 'K');
        append(sb, flags, KEYEVENT, 'E');
        append(sb, flags, KEY_MISS, 'm');
        return sb.toString();
    }

    private static void append(StringBuilder sb, int flags, int bit, char letter) {
        if ((flags & bit) != 0) sb.append(letter);
    }
}
