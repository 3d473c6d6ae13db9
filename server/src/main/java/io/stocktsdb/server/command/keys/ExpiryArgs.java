package io.stocktsdb.server.command.keys;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.Errors;

/** Turns the expiry arguments of SET, SETEX, PSETEX and GETEX into an absolute deadline, checked as Redis does. */
final class ExpiryArgs {
    /** How the number is given: relative or absolute, seconds or milliseconds. */
    enum Unit {
        EX(true, true), PX(false, true), EXAT(true, false), PXAT(false, false);

        final boolean seconds;
        final boolean relative;

        Unit(boolean seconds, boolean relative) {
            this.seconds = seconds;
            this.relative = relative;
        }

        /** The unit named by argument {@code i} (EX, PX, EXAT, PXAT), or null. */
        static Unit at(RespRequest a, int i) {
            for (Unit u : values()) if (a.equalsIgnoreCase(i, u.name())) return u;
            return null;
        }
    }

    private ExpiryArgs() {}

    /**
     * The absolute deadline in ms from argument {@code i}: an integer, positive, whose conversion
     * to absolute milliseconds does not overflow ({@code command} names the command in the error).
     */
    static long deadline(RespRequest a, int i, Unit unit, String command) {
        if (!a.isLong(i)) throw new CommandException(Errors.NOT_INTEGER);
        long v = a.longValue(i);
        if (v <= 0 || (unit.seconds && v > Long.MAX_VALUE / 1000)) throw invalid(command);
        if (unit.seconds) v *= 1000;
        if (unit.relative) {
            long now = System.currentTimeMillis();
            if (v > Long.MAX_VALUE - now) throw invalid(command);
            v += now;
        }
        return v;
    }

    static CommandException invalid(String command) {
        return new CommandException(String.format(Errors.INVALID_EXPIRE, command));
    }
}
