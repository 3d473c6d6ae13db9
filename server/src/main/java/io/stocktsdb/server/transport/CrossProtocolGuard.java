package io.stocktsdb.server.transport;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.net.Client;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP request sent to the RESP port arrives as the inline commands {@code POST ...} and
 * {@code Host: ...}: as Redis, such a connection is dropped without a reply, and the attempt is
 * logged (at most once a minute, so a flood cannot fill the log).
 */
final class CrossProtocolGuard {
    private static final Logger log = LoggerFactory.getLogger(CrossProtocolGuard.class);
    private static final long LOG_INTERVAL_MS = 60_000;
    private static final AtomicLong lastLogged = new AtomicLong(-LOG_INTERVAL_MS);

    private CrossProtocolGuard() {}

    /** True (and logged) when the request is {@code POST} or {@code Host:}: close the connection. */
    static boolean isAttack(RespRequest request, Client client) {
        if (!request.equalsIgnoreCase(0, "POST") && !request.equalsIgnoreCase(0, "HOST:")) return false;
        long now = System.currentTimeMillis();
        long last = lastLogged.get();
        if (now - last >= LOG_INTERVAL_MS && lastLogged.compareAndSet(last, now)) {
            log.warn("Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to the RESP "
                    + "port. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise this "
                    + "server. Connection aborted. addr={}", client.peer());
        }
        return true;
    }
}
