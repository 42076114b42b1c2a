package dev.poetry.client;

import dev.poetry.protocol.Address;
import dev.poetry.protocol.EventLoops;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * Downloads poems: connect, read until the server closes, done. A clean close ends the poem; a
 * reset, a timeout, a refused connection or a poem over {@code maxBytes} fails the future instead.
 *
 * <p>Cancelling a returned future closes its connection at once.
 */
public final class PoetryClient implements AutoCloseable {

    private final Connector connector;
    private final boolean ownsConnector;

    /** A client with a connector of its own (no limit on connections), closed with it. */
    public PoetryClient(EventLoops loops, ClientSettings settings) {
        this(new Connector(loops, settings, ConnectionPermits.unlimited()), true);
    }

    /** A client sharing {@code connector} (its permits and name cache) with others; its owner closes it. */
    public PoetryClient(Connector connector) {
        this(connector, false);
    }

    private PoetryClient(Connector connector, boolean ownsConnector) {
        this.connector = connector;
        this.ownsConnector = ownsConnector;
    }

    /** The whole poem, held in memory: at most the settings' {@code maxBytes}. */
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
        return connector.connect(address, result -> new PoetryClientInitializer(connector.settings(), sink, result));
    }

    @Override
    public void close() {
        if (ownsConnector) {
            connector.close();
        }
    }
}
