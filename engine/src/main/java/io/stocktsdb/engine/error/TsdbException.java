package io.stocktsdb.engine.error;

import java.util.Arrays;

/**
 * The one unchecked exception for refused operations and queries: a {@link TsdbError} code and
 * its arguments. The server turns it into an error reply through its error table. No stack
 * trace: these are expected outcomes.
 */
public final class TsdbException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final TsdbError error;
    private final transient Object[] args;

    public TsdbException(TsdbError error, Object... args) {
        super(args.length == 0 ? error.name() : error.name() + " " + Arrays.toString(args), null, false, false);
        this.error = error;
        this.args = args;
    }

    public TsdbError error() { return error; }

    /** The arguments the code's text needs (see each {@link TsdbError}), often none. */
    public Object[] args() { return args.clone(); }
}
