package io.stocktsdb.server.acl;

import java.util.ArrayList;
import java.util.List;

/** Splitting of ACL rule text: Redis's sdssplitargs and ACLMergeSelectorArguments. */
public final class RuleSplitter {
    private RuleSplitter() {}

    /**
     * Space-separated arguments with "double quotes" (backslash escapes, \xHH) and 'single
     * quotes'; unbalanced quotes give an empty list, as sdssplitargs gives no arguments.
     */
    static List<String> splitArgs(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) i++;
            if (i >= n) return out;
            StringBuilder cur = new StringBuilder();
            boolean inDq = false;
            boolean inSq = false;
            boolean done = false;
            while (!done) {
                if (i >= n) {
                    if (inDq || inSq) return new ArrayList<>();
                    done = true;
                    continue;
                }
                char c = line.charAt(i);
                if (inDq) {
                    if (c == '\\' && i + 3 < n && line.charAt(i + 1) == 'x' && isHex(line.charAt(i + 2)) && isHex(line.charAt(i + 3))) {
                        cur.append((char) Integer.parseInt(line.substring(i + 2, i + 4), 16));
                        i += 3;
                    } else if (c == '\\' && i + 1 < n) {
                        i++;
                        char e = line.charAt(i);
                        cur.append(e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e == 'b' ? '\b' : e == 'a' ? (char) 7 : e);
                    } else if (c == '"') {
                        // a closing quote must be followed by a space or the end
                        if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) return new ArrayList<>();
                        done = true;
                    } else {
                        cur.append(c);
                    }
                } else if (inSq) {
                    if (c == '\\' && i + 1 < n && line.charAt(i + 1) == '\'') {
                        i++;
                        cur.append('\'');
                    } else if (c == '\'') {
                        if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) return new ArrayList<>();
                        done = true;
                    } else {
                        cur.append(c);
                    }
                } else if (Character.isWhitespace(c)) {
                    done = true;
                } else if (c == '"') {
                    inDq = true;
                } else if (c == '\'') {
                    inSq = true;
                } else {
                    cur.append(c);
                }
                if (i < n) i++;
            }
            out.add(cur.toString());
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * Joins a selector written across several arguments ("(~a" "+get)") into one; throws with the
     * argument that opened an unmatched parenthesis.
     */
    public static List<String> mergeSelectors(List<String> args) throws UnmatchedParenthesisException {
        List<String> out = new ArrayList<>();
        StringBuilder selector = null;
        String opening = null;
        for (String op : args) {
            if (selector == null && !op.isEmpty() && op.charAt(0) == '(' && op.charAt(op.length() - 1) != ')') {
                selector = new StringBuilder(op);
                opening = op;
                continue;
            }
            if (selector != null) {
                selector.append(' ').append(op);
                if (!op.isEmpty() && op.charAt(op.length() - 1) == ')') {
                    out.add(selector.toString());
                    selector = null;
                }
                continue;
            }
            out.add(op);
        }
        if (selector != null) throw new UnmatchedParenthesisException(opening);
        return out;
    }

    /** A selector's opening parenthesis without its closing one. */
    public static final class UnmatchedParenthesisException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String opening;

        UnmatchedParenthesisException(String opening) {
            super(opening, null, false, false);
            this.opening = opening;
        }

        public String opening() { return opening; }
    }
}
