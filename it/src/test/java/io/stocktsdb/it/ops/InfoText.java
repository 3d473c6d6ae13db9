package io.stocktsdb.it.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** INFO's text parsed into sections of fields, in order. */
final class InfoText {
    final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

    /** Takes a RESP2 bulk-string reply ($len CRLF text CRLF). */
    static InfoText parseReply(String reply) {
        if (!reply.startsWith("$")) throw new IllegalArgumentException("not a bulk string: " + reply);
        String body = reply.substring(reply.indexOf("\r\n") + 2, reply.length() - 2);
        return parse(body);
    }

    static InfoText parse(String text) {
        InfoText t = new InfoText();
        Map<String, String> current = null;
        for (String line : text.split("\r\n", -1)) {
            if (line.isEmpty()) continue;
            if (line.startsWith("# ")) {
                current = new LinkedHashMap<>();
                t.sections.put(line.substring(2), current);
            } else {
                int colon = line.indexOf(':');
                current.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return t;
    }

    List<String> titles() { return new ArrayList<>(sections.keySet()); }

    Map<String, String> section(String title) {
        Map<String, String> s = sections.get(title);
        if (s == null) throw new AssertionError("no section " + title + " in " + sections.keySet());
        return s;
    }

    long number(String title, String field) {
        String v = section(title).get(field);
        if (v == null) throw new AssertionError("no field " + field + " in " + title + ": " + section(title));
        return Long.parseLong(v);
    }

    /** "a=1,b=x" -> {a=1, b=x}. */
    static Map<String, String> pairs(String value) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : value.split(",")) {
            int eq = p.indexOf('=');
            m.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return m;
    }
}
