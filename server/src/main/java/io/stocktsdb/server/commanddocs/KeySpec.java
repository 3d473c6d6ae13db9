package io.stocktsdb.server.commanddocs;

import java.util.List;
import java.util.Set;

/**
 * A key specification (Redis 7+): where the search for keys begins (a fixed index, or after a
 * keyword) and how keys are found from there (a range, or a count argument).
 */
public record KeySpec(Set<KeyFlag> flags, int beginIndex, String keyword, int keywordStart, boolean keynum,
                      int lastKeyOrKeynumIdx, int stepOrFirstKey, int limitOrKeyStep) {

    /** Key-spec flags in Redis's reply order. */
    public enum KeyFlag {
        RO("RO"), RW("RW"), OW("OW"), RM("RM"), ACCESS("access"), UPDATE("update"), INSERT("insert"), DELETE("delete"),
        NOT_KEY("not_key"), INCOMPLETE("incomplete"), VARIABLE_FLAGS("variable_flags");

        private final String wireName;

        KeyFlag(String wireName) { this.wireName = wireName; }

        public String wireName() { return wireName; }

        static KeyFlag parse(String s) {
            for (KeyFlag f : values()) if (f.wireName.equalsIgnoreCase(s)) return f;
            throw new IllegalArgumentException("unknown key-spec flag '" + s + "'");
        }
    }

    public boolean byKeyword() { return keyword != null; }

    /** A key found in a request: its argument position and the flags of the spec that found it. */
    public record KeyRef(int position, Set<KeyFlag> flags) {}

    /**
     * Adds the keys this spec finds among {@code argv} (argument 0 being the command name) to
     * {@code out}, as Redis's getKeysUsingKeySpecs does; false when the arguments do not fit the
     * spec (a syntax error the command itself would report).
     */
    public boolean collect(List<byte[]> argv, List<KeyRef> out) {
        int argc = argv.size();
        int first;
        if (byKeyword()) {
            first = keywordPosition(argv);
            if (first == 0) return true; // keyword absent: no keys from this spec
        } else {
            first = beginIndex;
        }
        int last;
        int step;
        if (keynum) {
            int idx = first + lastKeyOrKeynumIdx;
            if (idx >= argc) return false;
            long n;
            try {
                n = Long.parseLong(new String(argv.get(idx), java.nio.charset.StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                return false;
            }
            if (n < 0) return false;
            first += stepOrFirstKey;
            last = first + (int) n - 1;
            step = limitOrKeyStep;
        } else {
            if (lastKeyOrKeynumIdx >= 0) {
                last = first + lastKeyOrKeynumIdx;
            } else if (limitOrKeyStep == 0) {
                last = argc + lastKeyOrKeynumIdx;
            } else {
                last = first + ((argc - first) / limitOrKeyStep + lastKeyOrKeynumIdx);
            }
            step = stepOrFirstKey;
        }
        if (last >= argc || last < first || first >= argc) return false;
        for (int i = first; i <= last; i += Math.max(1, step)) out.add(new KeyRef(i, flags));
        return true;
    }

    private int keywordPosition(List<byte[]> argv) {
        int argc = argv.size();
        int start = keywordStart > 0 ? keywordStart : argc + keywordStart;
        int end = keywordStart > 0 ? argc - 1 : 1;
        for (int i = start; ; i = start <= end ? i + 1 : i - 1) {
            if (i == end || i >= argc || i < 1) return 0;
            if (new String(argv.get(i), java.nio.charset.StandardCharsets.UTF_8).equalsIgnoreCase(keyword)) return i + 1;
        }
    }
}
