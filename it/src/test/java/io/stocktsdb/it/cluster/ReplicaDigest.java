package io.stocktsdb.it.cluster;

import io.stocktsdb.engine.key.HashSlot;
import io.stocktsdb.it.RawClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one member holds, read on a READONLY connection: every key's full TS.RANGE, its samples
 * as "key@ts" (value checked equal to ts), and a digest per hash slot.
 */
final class ReplicaDigest {
    final Map<Integer, String> perSlot = new TreeMap<>();
    final Set<String> samples = new TreeSet<>();
    final List<String> badValues = new ArrayList<>();

    static ReplicaDigest read(int port) throws IOException {
        ReplicaDigest d = new ReplicaDigest();
        try (RawClient c = new RawClient(port)) {
            c.call("READONLY");
            Map<Integer, StringBuilder> slots = new TreeMap<>();
            for (String key : new TreeSet<>(bulkStrings(c.call("KEYS", "*")))) {
                String range = c.call("TS.RANGE", key, "-", "+");
                slots.computeIfAbsent(HashSlot.of(key.getBytes(StandardCharsets.UTF_8)), s -> new StringBuilder())
                        .append(key).append('\n').append(range);
                String[] lines = range.split("\r\n");
                for (int i = 0; i + 1 < lines.length; i++) {
                    if (lines[i].startsWith(":")) {
                        String ts = lines[i].substring(1);
                        d.samples.add(AckedWriters.sample(key, Long.parseLong(ts)));
                        String v = lines[i + 1].substring(1);
                        if (Double.parseDouble(v) != Double.parseDouble(ts)) d.badValues.add(key + "@" + ts + "=" + v);
                    }
                }
            }
            for (Map.Entry<Integer, StringBuilder> e : slots.entrySet()) d.perSlot.put(e.getKey(), sha(e.getValue().toString()));
        }
        return d;
    }

    private static List<String> bulkStrings(String reply) {
        List<String> out = new ArrayList<>();
        String[] lines = reply.split("\r\n");
        for (int i = 1; i < lines.length; i += 2) out.add(lines[i + 1]);
        return out;
    }

    private static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
