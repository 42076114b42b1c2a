package dev.poetry.proxy;

import dev.poetry.server.SharedPoem;
import java.util.concurrent.CompletableFuture;

/**
 * One upstream download, the buffer it fills, and the clients waiting for it. {@link #waiters} is
 * guarded by the cache's lock; the futures are completed outside it.
 */
final class Fetch {

    final PoemBuffer buffer;
    /** What waiters see: completed only after the cache's state has moved on, so a hit follows. */
    final CompletableFuture<SharedPoem> poem = new CompletableFuture<>();
    /** Completed when the last waiter leaves; cancels the download whether or not it has started yet. */
    final CompletableFuture<Void> abandoned = new CompletableFuture<>();
    int waiters;

    Fetch(PoemBuffer buffer) {
        this.buffer = buffer;
    }
}
