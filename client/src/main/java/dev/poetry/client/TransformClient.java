package dev.poetry.client;

import dev.poetry.net.Address;
import dev.poetry.net.EventLoops;
import dev.poetry.net.TransformRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Asks a transform server to transform a poem: one netstring {@code NAME.POEM} out, one netstring
 * back. A server that closes without answering (its way of refusing) fails the future with
 * {@link NoReplyException}; a reset or a reply cut short fails it too. Cancelling the future closes
 * the connection.
 */
public final class TransformClient implements AutoCloseable {

    /**
     * The reply bound is four times the poem's size plus this: no transform grows a poem fourfold
     * (upper-casing "ß" to "SS" doubles it), so the bound only stops a broken or hostile server
     * from making us buffer without end, and the allowance keeps tiny poems from being cramped.
     */
    private static final int REPLY_ALLOWANCE = 1 << 20;

    private final Connector connector;
    private final boolean ownsConnector;

    /** A client with a connector of its own (no limit on connections), closed with it. */
    public TransformClient(EventLoops loops, ClientSettings settings) {
        this(new Connector(loops, settings, ConnectionPermits.unlimited()), true);
    }

    /** A client sharing {@code connector} (its permits and name cache) with others; its owner closes it. */
    public TransformClient(Connector connector) {
        this(connector, false);
    }

    private TransformClient(Connector connector, boolean ownsConnector) {
        this.connector = connector;
        this.ownsConnector = ownsConnector;
    }

    /** The poem as the server's {@code name} transform returns it, kept as bytes. */
    public CompletableFuture<Poem> transform(Address address, String name, Poem poem) {
        TransformRequest request = new TransformRequest(name, poem.text());
        int maxReply = (int) Math.min(Integer.MAX_VALUE - 1, 4L * poem.length() + REPLY_ALLOWANCE);
        return connector.connect(address, result -> new TransformClientInitializer(connector.settings(), request, maxReply, result));
    }

    @Override
    public void close() {
        if (ownsConnector) {
            connector.close();
        }
    }
}
