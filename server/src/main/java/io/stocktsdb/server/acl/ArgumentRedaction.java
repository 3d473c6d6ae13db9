package io.stocktsdb.server.acl;

import io.stocktsdb.server.config.ConfigField;
import io.stocktsdb.server.config.ConfigFields;
import java.nio.charset.StandardCharsets;

/**
 * Hides secrets in the copies of arguments kept for SLOWLOG, as Redis's
 * redactClientCommandArgument does: AUTH's arguments, HELLO's AUTH user and password, every
 * argument of ACL SETUSER/DELUSER/GETUSER, and the value of a secret CONFIG SET parameter.
 */
public final class ArgumentRedaction {
    public static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);

    private ArgumentRedaction() {}

    /** Redacts {@code argv} in place and returns it. */
    public static byte[][] redact(AclCommand spec, byte[][] argv) {
        switch (spec.name()) {
            case "auth":
                for (int i = 1; i < argv.length; i++) argv[i] = REDACTED;
                break;
            case "hello":
                for (int i = 2; i + 2 < argv.length; i++) {
                    if (is(argv[i], "auth")) {
                        argv[i + 1] = REDACTED;
                        argv[i + 2] = REDACTED;
                        i += 2;
                    } else if (is(argv[i], "setname")) {
                        i++;
                    }
                }
                break;
            case "acl|setuser":
            case "acl|deluser":
            case "acl|getuser":
                for (int i = 2; i < argv.length; i++) argv[i] = REDACTED;
                break;
            case "config|set":
                for (int i = 2; i + 1 < argv.length; i += 2) {
                    ConfigField f = ConfigFields.byConfigName(new String(argv[i], StandardCharsets.ISO_8859_1));
                    if (f != null && f.secret()) argv[i + 1] = REDACTED;
                }
                break;
            default:
                break;
        }
        return argv;
    }

    private static boolean is(byte[] arg, String lower) {
        return new String(arg, StandardCharsets.ISO_8859_1).equalsIgnoreCase(lower);
    }
}
