package io.stocktsdb.server;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.acl.ArgumentRedaction;
import io.stocktsdb.server.command.CommandFlag;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.net.Client;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MONITOR: every command run is sent to the monitoring connections as Redis's
 * replicationFeedMonitors formats it: {@code +<seconds>.<micros> [0 <addr>] "arg" ...}, after
 * the command ran, with secrets redacted (AUTH, HELLO AUTH, ACL SETUSER..., secret CONFIG SET
 * values) and without administrative commands, which Redis never shows.
 */
public final class Monitors {
    private final Set<Client> monitors = ConcurrentHashMap.newKeySet();

    public void add(Client c) {
        c.monitor(true);
        monitors.add(c);
    }

    public void remove(Client c) {
        if (monitors.remove(c)) c.monitor(false);
    }

    public boolean isEmpty() { return monitors.isEmpty(); }

    /** Sends the command {@code c} ran to every monitor. */
    public void feed(Client c, CommandSpec spec, RespRequest req) {
        if (monitors.isEmpty()) return;
        if (spec.has(CommandFlag.ADMIN)) return;
        java.time.Instant now = java.time.Instant.now();
        byte[] line = format(now.getEpochSecond() * 1_000_000 + now.getNano() / 1000, c.peer(),
                ArgumentRedaction.redact(spec, req.copyFirst(req.argc())));
        for (Client m : monitors) m.push(line, line);
    }

    /** One monitor line: a simple string in both protocols, as Redis writes it. */
    static byte[] format(long micros, String peer, byte[][] argv) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        String head = "+" + (micros / 1_000_000) + "." + String.format("%06d", micros % 1_000_000) + " [0 " + peer + "] ";
        b.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < argv.length; i++) {
            if (i > 0) b.write(' ');
            quote(b, argv[i]);
        }
        b.write('\r');
        b.write('\n');
        return b.toByteArray();
    }

    /** Redis's sdscatrepr: quoted, with escapes for quotes, backslashes and control bytes. */
    static void quote(ByteArrayOutputStream b, byte[] s) {
        b.write('"');
        for (byte x : s) {
            int c = x & 0xff;
            switch (c) {
                case '\\': b.write('\\'); b.write('\\'); break;
                case '"': b.write('\\'); b.write('"'); break;
                case '\n': b.write('\\'); b.write('n'); break;
                case '\r': b.write('\\'); b.write('r'); break;
                case '\t': b.write('\\'); b.write('t'); break;
                case 7: b.write('\\'); b.write('a'); break;
                case '\b': b.write('\\'); b.write('b'); break;
                default:
                    if (c >= 0x20 && c < 0x7f) {
                        b.write(c);
                    } else {
                        b.writeBytes(String.format("\\x%02x", c).getBytes(StandardCharsets.US_ASCII));
                    }
            }
        }
        b.write('"');
    }
}
