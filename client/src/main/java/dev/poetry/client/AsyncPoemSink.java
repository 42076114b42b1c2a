package dev.poetry.client;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/**
 * Where a download's bytes go when storing them may block (a file, say): the connection's event
 * loop hands each chunk over and goes on, and stops reading while too much is still unstored.
 * {@link #write} is called on the connection's event loop, one chunk at a time, in order, and must
 * not block; the sink stores the chunks in that order elsewhere ({@link OffLoopPoemSink} does).
 */
@FunctionalInterface
public interface AsyncPoemSink {

    /**
     * Takes {@code chunk} over: the sink releases it once stored, or once it gives up.
     *
     * @return completes, on any thread, once the chunk is stored; a failure fails the download
     */
    CompletableFuture<Void> write(ByteBuf chunk);
}
