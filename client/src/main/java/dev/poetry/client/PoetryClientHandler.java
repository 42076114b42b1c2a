package dev.poetry.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Hands each chunk to the sink and completes the download once the server has closed and the sink
 * has stored every chunk. A poem that grows past {@code maxBytes} fails at once, before the sink
 * sees the chunk that overflows. While more than {@link #MAX_UNSTORED} bytes wait for the sink,
 * reading stops (the server's sending then stops at its socket buffer), so a slow disk bounds
 * memory instead of filling it. Made per connection (it counts bytes); runs on the connection's
 * event loop only, so no field needs to be volatile.
 */
final class PoetryClientHandler extends ResultHandler<Long> {

    /** The most bytes held for a sink that is behind, before reading pauses. */
    static final int MAX_UNSTORED = 1 << 20;
    /** Reading resumes at half the bound, so a sink just at the bound does not toggle it per chunk. */
    private static final int RESUME_AT = MAX_UNSTORED / 2;

    private final AsyncPoemSink sink;
    private long received;
    private long unstored;
    private boolean serverClosed;
    /** Once the server has closed, the idle timer is gone: this one bounds the wait for the sink instead. */
    private ScheduledFuture<?> sinkDeadline;

    PoetryClientHandler(ClientSettings settings, AsyncPoemSink sink, CompletableFuture<Long> result) {
        super(settings, result);
        this.sink = sink;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf chunk = (ByteBuf) msg;
        int size = chunk.readableBytes();
        if (result.isDone()) {
            chunk.release();
            return;
        }
        received += size;
        if (received > settings.maxBytes()) {
            chunk.release();
            result.completeExceptionally(new PoemTooLongException(settings.maxBytes()));
            return;
        }
        unstored += size;
        ChannelConfig config = ctx.channel().config();
        if (unstored > MAX_UNSTORED && config.isAutoRead()) {
            config.setAutoRead(false);
        }
        CompletableFuture<Void> stored;
        try {
            stored = sink.write(chunk); // the sink owns the chunk now, even if it throws
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        if (stored.isDone()) {
            stored.whenComplete((done, error) -> stored(ctx, size, error)); // stored on the spot: no hop needed
        } else {
            stored.whenCompleteAsync((done, error) -> stored(ctx, size, error), ctx.executor());
        }
    }

    /** On the loop: one chunk fewer waits; reading resumes once the sink has caught up. */
    private void stored(ChannelHandlerContext ctx, int size, Throwable error) {
        unstored -= size;
        if (error != null) {
            result.completeExceptionally(error);
            return;
        }
        ChannelConfig config = ctx.channel().config();
        if (!config.isAutoRead() && unstored <= RESUME_AT && !result.isDone()) {
            config.setAutoRead(true);
        }
        completeIfWhole();
        if (serverClosed) {
            awaitSink(ctx); // progress: the sink has as long again for the rest
        }
    }

    /** The idle timer also runs while reading is paused for the sink: then the sink, not the server, is to blame. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ReadTimeoutException && !ctx.channel().config().isAutoRead()) {
            result.completeExceptionally(new SinkStalledException(settings.idleTimeout()));
            return;
        }
        super.exceptionCaught(ctx, cause);
    }

    /** A clean close ends the poem; an error, if there was one, has already failed the result. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        serverClosed = true;
        completeIfWhole();
        awaitSink(ctx);
        ctx.fireChannelInactive();
    }

    /** While chunks wait for the sink after the server closed, a sink that stores none for the idle timeout fails the download. */
    private void awaitSink(ChannelHandlerContext ctx) {
        if (sinkDeadline != null) {
            sinkDeadline.cancel(false);
            sinkDeadline = null;
        }
        if (unstored > 0 && !result.isDone()) {
            long idle = settings.idleTimeout().toNanos();
            sinkDeadline = ctx.executor().schedule(
                    () -> result.completeExceptionally(new SinkStalledException(settings.idleTimeout())), idle, TimeUnit.NANOSECONDS);
        }
    }

    private void completeIfWhole() {
        if (serverClosed && unstored == 0) {
            result.complete(received);
        }
    }
}
