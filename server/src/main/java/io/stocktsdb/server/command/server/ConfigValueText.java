package io.stocktsdb.server.command.server;

import io.stocktsdb.server.config.ConfigField;
import java.util.Locale;

/**
 * Redis's own reasons for refusing a CONFIG SET value ("argument couldn't be parsed into an
 * integer", "argument must be between 1 and 10 inclusive", ...) for the simple kinds of setting;
 * null when Redis's checks pass (the settings table may still refuse it, e.g. a chunk size that
 * is not a multiple of 8).
 */
final class ConfigValueText {
    private static final String[][] MEMORY_UNITS = {
        {"gb", "1073741824"}, {"mb", "1048576"}, {"kb", "1024"}, {"g", "1000000000"}, {"m", "1000000"}, {"k", "1000"}, {"b", "1"}};

    private ConfigValueText() {}

    static String refusal(ConfigField field, String value) {
        switch (field.kind()) {
            case INT:
            case LONG: {
                Long n = strictLong(value);
                if (n == null) return "argument couldn't be parsed into an integer";
                return range(field, n);
            }
            case MEMORY: {
                Long n = memory(value);
                if (n == null) return "argument must be a memory value";
                return range(field, n);
            }
            case BOOL: {
                String v = value.toLowerCase(Locale.ROOT);
                return v.equals("yes") || v.equals("no") ? null : "argument must be 'yes' or 'no'";
            }
            case ENUM:
                return field.choices().contains(value.toLowerCase(Locale.ROOT)) ? null
                        : "argument(s) must be one of the following: " + String.join(", ", field.choices());
            default:
                return null;
        }
    }

    private static String range(ConfigField field, long n) {
        if (n < field.min() || n > field.max()) return "argument must be between " + field.min() + " and " + field.max() + " inclusive";
        return null;
    }

    /** Redis's string2ll: optional '-', digits, no spaces, no '+', no leading zeros. */
    private static Long strictLong(String s) {
        if (!s.matches("-?(0|[1-9][0-9]*)") || s.equals("-0")) return null;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Redis's memtoull: a non-negative number with an optional unit (k, kb, m, mb, g, gb, b; any case). */
    private static Long memory(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        long mul = 1;
        for (String[] u : MEMORY_UNITS) {
            if (t.endsWith(u[0])) {
                mul = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length());
                break;
            }
        }
        if (!t.matches("[0-9]+")) return null;
        try {
            return Math.multiplyExact(Long.parseLong(t), mul);
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }
}
