package dev.poetry.server.transform;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run transforms off the event loops, with a bounded number of requests waiting.
 * The bound is a counter and the queue is lock-free, so an event loop handing work over never
 * waits for a lock a worker holds ({@code ArrayBlockingQueue} would make it).
 */
final class TransformWorkers implements Executor {

    /** How long an idle worker thread lives, so that a server nobody asks holds no threads. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

    private final ThreadPoolExecutor pool;
    private final int capacity;
    /** Requests handed over and not yet finished: running or waiting. */
    private final AtomicInteger inHand = new AtomicInteger();

    private static final AtomicInteger THREADS = new AtomicInteger();

    TransformWorkers(int workers, int queueLength) {
        this.pool = new ThreadPoolExecutor(workers, workers, KEEP_ALIVE.toNanos(), TimeUnit.NANOSECONDS,
                new LinkedTransferQueue<>(), TransformWorkers::newThread);
        this.pool.allowCoreThreadTimeOut(true);
        this.capacity = workers + queueLength;
    }

    /** @throws RejectedExecutionException when every worker is busy and the queue is full, or after {@link #shutdownNow()} */
    @Override
    public void execute(Runnable task) {
        if (inHand.incrementAndGet() > capacity) {
            inHand.decrementAndGet();
            throw new RejectedExecutionException("every worker busy and the queue full");
        }
        try {
            pool.execute(() -> {
                try {
                    task.run();
                } finally {
                    inHand.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException shutDown) {
            inHand.decrementAndGet();
            throw shutDown;
        }
    }

    /**
     * A daemon, so that no transform in hand keeps the process alive past its shutdown; a plain
     * thread, not Netty's, because Netty counts its own threads as event loops that must never wait.
     */
    private static Thread newThread(Runnable work) {
        Thread thread = new Thread(work, "poetry-transform-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /** Stops at once: waiting work is dropped and running work interrupted. */
    void shutdownNow() {
        pool.shutdownNow();
    }
}
