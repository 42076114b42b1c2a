package dev.poetry.proxy;

import dev.poetry.client.PoemSink;
import java.util.concurrent.CompletableFuture;

/** Where the proxy's poem comes from: one download per call, streamed into the cache's sink. */
@FunctionalInterface
public interface Upstream {

    /**
     * Starts one download into {@code sink}; the future completes with the byte count on a clean
     * close, fails on anything else, and cancelling it must abort the download.
     */
    CompletableFuture<Long> download(PoemSink sink);
}
