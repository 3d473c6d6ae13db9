package io.stocktsdb.server.acl;

import io.stocktsdb.common.GlobMatcher;
import java.nio.charset.StandardCharsets;

/**
 * One key pattern of a selector with the access it grants: {@code ~p} read and write,
 * {@code %R~p} read, {@code %W~p} write ({@link AclCommand#KEY_READ}, {@link AclCommand#KEY_WRITE}).
 * The pattern is a byte string held as ISO-8859-1 text (one char per byte), like every ACL rule.
 */
record KeyPattern(String pattern, int access, GlobMatcher matcher) {
    static final int ALL = AclCommand.KEY_READ | AclCommand.KEY_WRITE;

    static KeyPattern of(String pattern, int access) {
        return new KeyPattern(pattern, access, new GlobMatcher(pattern.getBytes(StandardCharsets.ISO_8859_1)));
    }

    KeyPattern withAccess(int more) { return new KeyPattern(pattern, access | more, matcher); }

    /** Grants {@code needed} (a combination of KEY_READ/KEY_WRITE) on {@code key}. */
    boolean grants(byte[] key, int needed) {
        return (access & needed) == needed && matcher.matches(key);
    }

    /** As ACL LIST and GETUSER print it. */
    String describe() {
        String prefix = access == ALL ? "~" : access == AclCommand.KEY_READ ? "%R~" : "%W~";
        return prefix + pattern;
    }
}
