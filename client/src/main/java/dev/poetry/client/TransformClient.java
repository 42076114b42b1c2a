package dev.poetry.client;

import dev.poetry.protocol.Address;
import dev.poetry.protocol.EventLoops;
import dev.poetry.protocol.TransformRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Asks a transform server to transform a poem: one netstring {@code NAME.POEM} out, one netstring
 * back. A server that closes without answering (its way of refusing) fails the future with
 * {@link NoReplyException}. Cancelling the future closes the connection.
 */
public final class TransformClient {

    /** The largest reply accepted beyond the request's own size, so a broken server cannot exhaust memory. */
    private static final int REPLY_ALLOWANCE = 1 << 20;

    private final Connector connector;

    public TransformClient(EventLoops loops, ClientSettings settings) {
        this.connector = new Connector(loops, settings);
    }

    public CompletableFuture<String> transform(Address address, String name, String poem) {
        TransformRequest request = new TransformRequest(name, poem);
        int maxReply = (int) Math.min(Integer.MAX_VALUE - 1, 4L * poem.length() + REPLY_ALLOWANCE);
        CompletableFuture<String> result = new CompletableFuture<>();
        return connector.connect(address, result, new TransformClientInitializer(connector.settings(), request, maxReply, result));
    }
}
