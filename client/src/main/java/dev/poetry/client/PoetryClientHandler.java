package dev.poetry.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Hands each chunk to the sink and completes the download when the server closes. A poem that
 * grows past {@code maxBytes} fails at once, before the sink sees the chunk that overflows. Made
 * per connection (it counts bytes); runs on the connection's event loop only.
 */
final class PoetryClientHandler extends ResultHandler<Long> {

    private final PoemSink sink;
    private long received;

    PoetryClientHandler(ClientSettings settings, PoemSink sink, CompletableFuture<Long> result) {
        super(settings, result);
        this.sink = sink;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf chunk = (ByteBuf) msg;
        try {
            if (result.isDone()) {
                return;
            }
            received += chunk.readableBytes();
            if (received > settings.maxBytes()) {
                result.completeExceptionally(new PoemTooLongException(settings.maxBytes()));
                return;
            }
            sink.accept(chunk);
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        } finally {
            chunk.release();
        }
    }

    /** A clean close ends the poem; an error, if there was one, has already failed the result. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        result.complete(received);
        ctx.fireChannelInactive();
    }
}
