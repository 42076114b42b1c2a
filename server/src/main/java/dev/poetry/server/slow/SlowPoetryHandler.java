package dev.poetry.server.slow;

import dev.poetry.server.Verbosity;
import dev.poetry.server.PoemWritingHandler;
import dev.poetry.server.SharedPoem;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends the poem a few bytes at a time: the first chunk at once, then one every delay, then
 * closes. Each connection has its own schedule on its event loop; nothing sleeps.
 *
 * <p>Made per channel because it holds the connection's position and pending timer. Every method
 * runs on the channel's event loop, so the fields need no synchronisation.
 *
 * <p>Backpressure: the next chunk is scheduled only once the previous one is written and the
 * channel is writable; a client that reads slowly pauses its own schedule instead of making the
 * server buffer the poem.
 */
final class SlowPoetryHandler extends PoemWritingHandler {

    private final SharedPoem poem;
    private final SlowPoetryServer.Pace pace;

    private int sent;
    private long startNanos;
    private ScheduledFuture<?> nextChunk;
    private boolean waitingForWritability;
    /** True once the connection's outcome has been logged, so that closing does not log it again. */
    private boolean done;

    SlowPoetryHandler(SharedPoem poem, SlowPoetryServer.Pace pace, Verbosity verbosity) {
        super(verbosity);
        this.poem = poem;
        this.pace = pace;
    }

    @Override
    protected void startWriting(ChannelHandlerContext ctx) {
        startNanos = System.nanoTime();
        sendChunk(ctx);
    }

    private void sendChunk(ChannelHandlerContext ctx) {
        nextChunk = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        int size = Math.min(pace.numBytes(), poem.length() - sent);
        if (size == 0) {
            finish(ctx);
            return;
        }
        if (verbosity.detailed()) {
            log.info("Sending {} bytes to {}", size, peer(ctx.channel()));
        }
        ByteBuf chunk = poem.slice(sent, size);
        ChannelFuture written = ctx.writeAndFlush(chunk);
        sent += size;
        written.addListener(write -> {
            if (!write.isSuccess()) {
                done = true;
                // The chunk's reader index is how far the transport got with it.
                endedEarly(ctx.channel(), progress(sent - size + chunk.readerIndex(), poem.length()), write.cause());
                ctx.close();
            } else if (sent == poem.length()) {
                finish(ctx);
            } else if (ctx.channel().isWritable()) {
                scheduleNext(ctx);
            } else {
                waitingForWritability = true;
            }
        });
    }

    private void scheduleNext(ChannelHandlerContext ctx) {
        nextChunk = ctx.executor().schedule(() -> sendChunk(ctx), pace.delay().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void finish(ChannelHandlerContext ctx) {
        done = true;
        if (verbosity.perConnection()) {
            log.info("Sent {} bytes of poetry to {} in {}", sent, peer(ctx.channel()), elapsed());
        }
        ctx.close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (waitingForWritability && ctx.channel().isWritable()) {
            waitingForWritability = false;
            scheduleNext(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (nextChunk != null) {
            nextChunk.cancel(false);
            nextChunk = null;
        }
        if (!done) {
            done = true;
            endedEarly(ctx.channel(), progress(sent, poem.length()), null);
        }
        ctx.fireChannelInactive();
    }

    private String elapsed() {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    /** Bytes handed to the transport so far; for tests. */
    int bytesSent() {
        return sent;
    }
}
