package dev.poetry.client;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A sink that blocks (a {@link FilePoemSink}) fed from an event loop without blocking it: each
 * chunk is stored on {@code writer}, which must run tasks one at a time in the order given (one
 * from {@link #newWriter}), so the chunks land in order and whatever the caller queues after the
 * last one (closing the file) runs after it too.
 */
public final class OffLoopPoemSink implements AsyncPoemSink {

    private final PoemSink blocking;
    private final Executor writer;

    public OffLoopPoemSink(PoemSink blocking, Executor writer) {
        this.blocking = blocking;
        this.writer = writer;
    }

    /**
     * A writer an event loop can hand work to without ever waiting: one daemon thread (a write
     * stuck on a dead disk must not keep the process alive), started now, taking tasks in order
     * from a lock-free queue (a queue with a lock could park the loop while the writer holds it).
     * Its owner shuts it down.
     */
    public static ExecutorService newWriter(String threadName) {
        ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedTransferQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        writer.prestartCoreThread(); // starting it later, from a loop, would take the executor's lock there
        return writer;
    }

    @Override
    public CompletableFuture<Void> write(ByteBuf chunk) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        try {
            writer.execute(() -> {
                try {
                    blocking.accept(chunk);
                    stored.complete(null);
                } catch (IOException | RuntimeException | Error e) {
                    stored.completeExceptionally(e);
                } finally {
                    chunk.release();
                }
            });
        } catch (RejectedExecutionException e) {
            chunk.release(); // the writer has shut down: the chunk will never be stored
            stored.completeExceptionally(e);
        }
        return stored;
    }
}
