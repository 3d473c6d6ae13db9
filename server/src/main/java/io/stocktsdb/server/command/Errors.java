package io.stocktsdb.server.command;

/** Redis's exact error texts (without the leading '-'). */
public final class Errors {
    public static final String SYNTAX = "ERR syntax error";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    public static final String OVERFLOW = "ERR increment or decrement would overflow";
    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String NO_SUCH_KEY = "ERR no such key";
    public static final String NOAUTH = "NOAUTH Authentication required.";
    public static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    public static final String AUTH_NOT_CONFIGURED = "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?";
    public static final String DB_OUT_OF_RANGE = "ERR DB index is out of range";
    public static final String MAX_CLIENTS = "ERR max number of clients reached";
    public static final String MULTI_NESTED = "ERR MULTI calls can not be nested";
    public static final String EXEC_WITHOUT_MULTI = "ERR EXEC without MULTI";
    public static final String DISCARD_WITHOUT_MULTI = "ERR DISCARD without MULTI";
    public static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";
    public static final String EXECABORT_OOM = "EXECABORT Transaction discarded because of: OOM command not allowed when used memory > 'maxmemory'.";
    public static final String WATCH_IN_MULTI = "ERR WATCH inside MULTI is not allowed";
    public static final String INVALID_EXPIRE = "ERR invalid expire time in '%s' command";
    public static final String INTERNAL = "ERR internal error";

    private Errors() {}

    public static String wrongArity(String commandName) {
        return "ERR wrong number of arguments for '" + commandName + "' command";
    }

    public static String unknownSubcommand(String sub, String container) {
        return "ERR unknown subcommand '" + truncate(sub) + "'. Try " + container.toUpperCase(java.util.Locale.ROOT) + " HELP.";
    }

    /** As Redis: the name cut to 128 bytes, then quoted arguments while their text is under 128 bytes. */
    public static String unknownCommand(io.stocktsdb.resp.RespRequest req) {
        StringBuilder args = new StringBuilder();
        for (int i = 1; i < req.argc() && args.length() < 128; i++) {
            String a = req.string(i);
            int room = 128 - args.length();
            args.append('\'').append(a.length() > room ? a.substring(0, room) : a).append("' ");
        }
        return "ERR unknown command '" + truncate(req.string(0)) + "', with args beginning with: " + args;
    }

    private static String truncate(String s) {
        return s.length() > 128 ? s.substring(0, 128) : s;
    }
}
