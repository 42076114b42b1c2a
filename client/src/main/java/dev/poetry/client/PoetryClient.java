package dev.poetry.client;

import dev.poetry.protocol.Address;
import dev.poetry.protocol.EventLoops;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * Downloads poems: connect, read until the server closes, done. A clean close ends the poem; a
 * reset, a timeout or a refused connection fails the future instead.
 *
 * <p>Cancelling a returned future closes its connection at once.
 */
public final class PoetryClient {

    private final Connector connector;

    public PoetryClient(EventLoops loops, ClientSettings settings) {
        this.connector = new Connector(loops, settings);
    }

    /** The whole poem, held in memory. */
    public CompletableFuture<Poem> get(Address address) {
        ByteArrayOutputStream collected = new ByteArrayOutputStream();
        CompletableFuture<Long> download = download(address,
                chunk -> chunk.getBytes(chunk.readerIndex(), collected, chunk.readableBytes()));
        CompletableFuture<Poem> poem = download.thenApply(bytes -> Poem.collected(collected));
        // A derived future does not pass cancellation back to its source, so do it here.
        poem.whenComplete((done, error) -> download.cancel(true));
        return poem;
    }

    /**
     * Streams the poem into {@code sink} as it arrives, holding nothing itself.
     *
     * @return the number of bytes received, once the server has closed cleanly
     */
    public CompletableFuture<Long> download(Address address, PoemSink sink) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        return connector.connect(address, result, new PoetryClientInitializer(connector.settings(), sink, result));
    }
}
