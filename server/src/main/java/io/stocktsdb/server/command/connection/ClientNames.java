package io.stocktsdb.server.command.connection;

import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.Errors;

/** Redis's rule for client names and library attributes: printable ASCII without spaces. */
final class ClientNames {
    private ClientNames() {}

    static void validate(String name) {
        if (!isValid(name)) throw new CommandException(Errors.CLIENT_NAME_CHARS);
    }

    static boolean isValid(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '!' || ch > '~') return false;
        }
        return true;
    }
}
