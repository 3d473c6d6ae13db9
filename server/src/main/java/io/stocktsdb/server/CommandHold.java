package io.stocktsdb.server;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Holds every client's commands while an action runs (DEBUG RELOAD swaps the storage under
 * them), as Redis runs nothing else while DEBUG RELOAD loads.
 *
 * <p>Commands run on the event loops, or off them through {@link #offLoop} (a huge command, the
 * active expiry cycle, a /metrics scrape). A hold takes the off-loop side exclusively (waiting
 * for the running ones), then parks every other event loop with a task that waits until the hold
 * ends: a loop runs such a task only between its I/O rounds and tasks, so no command of its
 * connections is half done, and their new input waits in the socket. The calling loop is held by
 * running the action itself. Two holds asked for at once on two loops run one after the other: a
 * loop waiting for its turn counts as parked for the hold that runs.
 */
public final class CommandHold {
    private final ReentrantReadWriteLock offLoop = new ReentrantReadWriteLock();
    private final Object monitor = new Object();
    private volatile EventExecutorGroup loops;
    /** The thread running a held action, null when none (guarded by monitor). */
    private Thread holder;
    /** Counts holds, so a park task queued for one that is over lets its loop go at once (guarded by monitor). */
    private long generation;
    /** Loops waiting now: parked for the running hold, or waiting for their own (guarded by monitor). */
    private final Set<EventExecutor> parked = new HashSet<>();

    /** The event loops that run connections (set once the transport exists). */
    public void attach(EventExecutorGroup loops) {
        this.loops = loops;
    }

    /** Runs a command (or storage reader) off the event loops: it waits while commands are held. */
    public void offLoop(Runnable work) {
        offLoop.readLock().lock();
        try {
            work.run();
        } finally {
            offLoop.readLock().unlock();
        }
    }

    /** Runs {@code action} while no other command runs anywhere and none starts; it returns once they may again. */
    public void runHeld(Runnable action) {
        if (offLoop.getReadHoldCount() > 0) throw new IllegalStateException("commands cannot be held from an off-loop command");
        EventExecutor self = currentLoop();
        long gen;
        synchronized (monitor) {
            while (holder != null) waitCountedAsParked(self);
            holder = Thread.currentThread();
            gen = ++generation;
        }
        try {
            offLoop.writeLock().lock();
            try {
                List<EventExecutor> others = new ArrayList<>();
                EventExecutorGroup group = loops;
                if (group != null) {
                    for (EventExecutor e : group) {
                        if (e == self) continue;
                        others.add(e);
                        e.execute(() -> parkFor(gen, e));
                    }
                }
                synchronized (monitor) {
                    while (!parked.containsAll(others)) waitOrFail();
                }
                action.run();
            } finally {
                offLoop.writeLock().unlock();
            }
        } finally {
            synchronized (monitor) {
                holder = null;
                monitor.notifyAll();
            }
        }
    }

    /** An event loop's park task: waits while the hold it was queued for runs. */
    private void parkFor(long gen, EventExecutor loop) {
        synchronized (monitor) {
            if (holder == null || generation != gen) return;
            parked.add(loop);
            monitor.notifyAll();
            try {
                while (holder != null && generation == gen) monitor.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the loop is shutting down
            } finally {
                parked.remove(loop);
            }
        }
    }

    /** Under the monitor: another hold runs; this loop (if it is one) waits as one of its parked loops. */
    private void waitCountedAsParked(EventExecutor self) {
        if (self != null) {
            parked.add(self);
            monitor.notifyAll();
        }
        try {
            waitOrFail();
        } finally {
            if (self != null) parked.remove(self);
        }
    }

    private void waitOrFail() {
        try {
            monitor.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while holding commands", e);
        }
    }

    private EventExecutor currentLoop() {
        EventExecutorGroup group = loops;
        if (group == null) return null;
        for (EventExecutor e : group) {
            if (e.inEventLoop()) return e;
        }
        return null;
    }
}
