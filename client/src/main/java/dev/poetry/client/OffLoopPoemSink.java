package dev.poetry.client;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A sink that blocks (a {@link FilePoemSink}) fed from an event loop without blocking it: each
 * chunk is stored on {@code writer}, which must run tasks one at a time in the order given (a
 * single thread), so the chunks land in order and whatever the caller queues after the last one
 * (closing the file) runs after it too.
 */
public final class OffLoopPoemSink implements AsyncPoemSink {

    private final PoemSink blocking;
    private final Executor writer;

    public OffLoopPoemSink(PoemSink blocking, Executor writer) {
        this.blocking = blocking;
        this.writer = writer;
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
