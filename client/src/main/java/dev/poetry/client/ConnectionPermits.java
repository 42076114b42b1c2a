package dev.poetry.client;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * How many connections may be open at once, shared by every download and transform of a run, so
 * that a long list of addresses queues instead of running out of file descriptors. Event-loop
 * code asks with {@link #whenAvailable} and never blocks; threads of their own may {@link #acquire}.
 * Every permit taken is given back with {@link #release} exactly once.
 */
public final class ConnectionPermits {

    /** Descriptors left for the JVM itself (jars, event loops, stdio, name lookups). */
    static final int RESERVED_DESCRIPTORS = 32;

    private final int limit;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int inUse;

    public ConnectionPermits(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one connection must be allowed");
        }
        this.limit = limit;
        FileDescriptors.limit(); // read now, while a descriptor is free to read it with, for FailureReason's words
    }

    public static ConnectionPermits unlimited() {
        return new ConnectionPermits(Integer.MAX_VALUE);
    }

    /** What the descriptor limit allows after the reserve, at least one; unlimited where the limit is unknown. */
    public static int defaultLimit() {
        return FileDescriptors.limit()
                .map(max -> (int) Math.max(1, Math.min(Integer.MAX_VALUE, max - RESERVED_DESCRIPTORS)))
                .orElse(Integer.MAX_VALUE);
    }

    public int limit() {
        return limit;
    }

    /** Runs {@code start} holding a permit: now on this thread, or later on the thread whose release frees one. */
    public void whenAvailable(Runnable start) {
        synchronized (this) {
            if (inUse >= limit) {
                waiting.add(start);
                return;
            }
            inUse++;
        }
        start.run();
    }

    /** Waits for a permit; for threads that may block, never an event loop. */
    public synchronized void acquire() throws InterruptedException {
        while (inUse >= limit) {
            wait();
        }
        inUse++;
    }

    /** Gives a permit back, or passes it straight to the first start that waits for one. */
    public void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inUse--;
                notify();
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
