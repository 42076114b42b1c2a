package dev.poetry.client;

import dev.poetry.net.Address;
import dev.poetry.net.EventLoops;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Downloads poems: connect, read until the server closes, done. A clean close ends the poem; a
 * reset, a timeout, a refused connection or a poem over {@code maxBytes} fails the future instead.
 *
 * <p>Cancelling a returned future closes its connection at once.
 */
public final class PoetryClient implements AutoCloseable {

    private static final CompletableFuture<Void> STORED = CompletableFuture.completedFuture(null);

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
        PoemCollector collected = new PoemCollector();
        CompletableFuture<Long> download = download(address, collected);
        CompletableFuture<Poem> poem = download.thenApply(bytes -> collected.poem());
        // A derived future does not pass cancellation back to its source, so do it here.
        poem.whenComplete((done, error) -> download.cancel(true));
        return poem;
    }

    /**
     * Streams the poem into {@code sink} as it arrives, holding nothing itself. The sink is called
     * on the connection's event loop: it must not block (see {@link #downloadInto}).
     *
     * @return the number of bytes received, once the server has closed cleanly
     */
    public CompletableFuture<Long> download(Address address, PoemSink sink) {
        return downloadInto(address, chunk -> {
            try {
                sink.accept(chunk);
                return STORED;
            } catch (IOException | RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            } finally {
                chunk.release();
            }
        });
    }

    /**
     * Streams the poem into a sink that stores it off the event loop, holding at most about
     * 1 MiB that the sink has not stored yet (reading pauses beyond that).
     *
     * @return the number of bytes received, once the server has closed cleanly and the sink has
     *     stored every chunk; the first failure to store one fails it
     */
    public CompletableFuture<Long> downloadInto(Address address, AsyncPoemSink sink) {
        return connector.connect(address, result -> new PoetryClientInitializer(connector.settings(), sink, result));
    }

    @Override
    public void close() {
        if (ownsConnector) {
            connector.close();
        }
    }
}
