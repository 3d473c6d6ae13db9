package io.stocktsdb.it.cluster;

import io.stocktsdb.it.RawClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writer threads that keep adding samples ({@code TS.ADD key ts ts}, every (key, ts) tried
 * once) through whichever node serves them, following MOVED and moving on to another node on
 * CLUSTERDOWN or a dead connection. They record every sample they tried and every one a node
 * acknowledged, which is what a client may rely on.
 */
final class AckedWriters implements AutoCloseable {
    final Set<String> attempted = ConcurrentHashMap.newKeySet();
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final AtomicLong refusals = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final int[] ports;
    private final String prefix;
    private volatile boolean stop;

    AckedWriters(String prefix, int[] ports, int threadCount, int keysPerThread) {
        this.ports = ports;
        this.prefix = prefix;
        for (int t = 0; t < threadCount; t++) {
            int id = t;
            Thread th = new Thread(() -> run(id, keysPerThread), "acked-writer-" + t);
            th.setDaemon(true);
            threads.add(th);
            th.start();
        }
    }

    static String sample(String key, long ts) { return key + "@" + ts; }

    private void run(int id, int keys) {
        int port = ports[id % ports.length];
        int next = id;
        RawClient c = null;
        for (long ts = 1; !stop; ts++) {
            String key = prefix + id + ":" + (ts % keys);
            String s = Long.toString(ts);
            try {
                if (c == null) c = new RawClient(port);
                attempted.add(sample(key, ts));
                String reply = c.call("TS.ADD", key, s, s);
                if (reply.equals(":" + ts + "\r\n")) {
                    acknowledged.add(sample(key, ts));
                } else if (reply.startsWith("-MOVED ")) {
                    port = Integer.parseInt(reply.trim().substring(reply.lastIndexOf(':') + 1));
                    c = reconnect(c);
                } else {
                    refusals.incrementAndGet();
                    port = ports[++next % ports.length];
                    c = reconnect(c);
                    pause();
                }
            } catch (IOException | RuntimeException e) {
                port = ports[++next % ports.length];
                c = reconnect(c);
                pause();
            }
        }
        reconnect(c);
    }

    private static RawClient reconnect(RawClient c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // already gone
            }
        }
        return null;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        for (Thread t : threads) t.join(15_000);
    }
}
