package io.stocktsdb.common;

/**
 * Redis glob matching ({@code stringmatchlen} in util.c, case-sensitive): {@code *}, {@code ?},
 * {@code [abc]}, {@code [^a]}, {@code [a-z]} (reversed ranges allowed), {@code \} escapes. Bytes
 * compare unsigned. Like Redis, it gives up after 1000 nested stars and stops early once a star
 * failed to match the rest of the pattern anywhere.
 */
public final class GlobMatcher {
    private final byte[] pattern;
    private final boolean matchAll;

    public GlobMatcher(byte[] pattern) {
        this.pattern = pattern.clone();
        this.matchAll = pattern.length == 1 && pattern[0] == '*';
    }

    public static boolean matches(byte[] pattern, byte[] string) {
        return match(pattern, 0, pattern.length, string, 0, string.length, new boolean[1], 0);
    }

    public boolean matches(byte[] string) {
        return matchAll || match(pattern, 0, pattern.length, string, 0, string.length, new boolean[1], 0);
    }

    private static boolean match(byte[] pat, int p, int plen, byte[] str, int s, int slen,
                                 boolean[] skipLongerMatches, int nesting) {
        if (nesting > 1000) return false;
        while (plen > 0 && slen > 0) {
            switch (pat[p]) {
                case '*':
                    while (plen > 1 && pat[p + 1] == '*') {
                        p++;
                        plen--;
                    }
                    if (plen == 1) return true;
                    while (slen > 0) {
                        if (match(pat, p + 1, plen - 1, str, s, slen, skipLongerMatches, nesting + 1)) return true;
                        if (skipLongerMatches[0]) return false;
                        s++;
                        slen--;
                    }
                    skipLongerMatches[0] = true;
                    return false;
                case '?':
                    s++;
                    slen--;
                    break;
                case '[': {
                    p++;
                    plen--;
                    boolean not = plen > 0 && pat[p] == '^';
                    if (not) {
                        p++;
                        plen--;
                    }
                    boolean hit = false;
                    int c = str[s] & 0xFF;
                    while (true) {
                        if (plen == 0) {
                            p--;
                            plen++;
                            break;
                        } else if (pat[p] == '\\' && plen >= 2) {
                            p++;
                            plen--;
                            if ((pat[p] & 0xFF) == c) hit = true;
                        } else if (pat[p] == ']') {
                            break;
                        } else if (plen >= 3 && pat[p + 1] == '-') {
                            int start = pat[p] & 0xFF;
                            int end = pat[p + 2] & 0xFF;
                            if (start > end) {
                                int t = start;
                                start = end;
                                end = t;
                            }
                            p += 2;
                            plen -= 2;
                            if (c >= start && c <= end) hit = true;
                        } else if ((pat[p] & 0xFF) == c) {
                            hit = true;
                        }
                        p++;
                        plen--;
                    }
                    if (not) hit = !hit;
                    if (!hit) return false;
                    s++;
                    slen--;
                    break;
                }
                case '\\':
                    if (plen >= 2) {
                        p++;
                        plen--;
                    }
                    if (pat[p] != str[s]) return false;
                    s++;
                    slen--;
                    break;
                default:
                    if (pat[p] != str[s]) return false;
                    s++;
                    slen--;
                    break;
            }
            p++;
            plen--;
            if (slen == 0) {
                while (plen > 0 && pat[p] == '*') {
                    p++;
                    plen--;
                }
                break;
            }
        }
        return plen == 0 && slen == 0;
    }
}
