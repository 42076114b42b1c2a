package dev.poetry.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Resets a connection whose client has taken no bytes for {@code --write-timeout} while the server
 * had bytes waiting for it; a reset, unlike a close, frees the kernel's send queue at once.
 *
 * <p>Not Netty's {@code WriteTimeoutHandler}: that fails any write not finished within the time,
 * so it would cut off a client that reads a 20 MB poem slowly but steadily. What we bound is time
 * without progress, so a timer checks the outbound buffer four times per timeout and resets after
 * four checks in a row that saw the same message at the same progress: a stall of 1 to 1.25 timeouts.
 *
 * <p>The timer runs only while bytes wait: a flush that leaves some in the outbound buffer arms it,
 * and a check that finds none disarms it. Most connections take their poem in one go and never
 * schedule anything. It sits first in the pipeline (next to the socket), so every flush passes it.
 *
 * <p>Made per channel (it holds the connection's progress); runs on the channel's loop only.
 */
final class WriteDeadline extends ChannelDuplexHandler {

    private static final int CHECKS_PER_TIMEOUT = 4;

    private final ServerLimits limits;
    private final FailureLog failures;
    private ScheduledFuture<?> timer;
    private Object lastMessage;
    private long lastProgress;
    private int checksWithoutProgress;

    WriteDeadline(ServerLimits limits, FailureLog failures) {
        this.limits = limits;
        this.failures = failures;
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
        if (timer == null && waiting(ctx) != null) {
            arm(ctx);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    /** Whether the timer is running: for tests. */
    boolean armed() {
        return timer != null;
    }

    /** The flushed message the client has yet to take (part of), or null when nothing waits. */
    private static Object waiting(ChannelHandlerContext ctx) {
        ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
        return pending == null ? null : pending.current();
    }

    private void arm(ChannelHandlerContext ctx) {
        lastMessage = null;
        checksWithoutProgress = 0;
        long period = Math.max(1, limits.writeTimeout().toNanos() / CHECKS_PER_TIMEOUT);
        timer = ctx.executor().scheduleAtFixedRate(() -> check(ctx), period, period, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        lastMessage = null;
    }

    private void check(ChannelHandlerContext ctx) {
        Object current = waiting(ctx);
        if (current == null) {
            disarm(); // nothing waits for the client: not its fault, and no reason to keep checking
            return;
        }
        long progress = ctx.channel().unsafe().outboundBuffer().currentProgress();
        if (current != lastMessage || progress != lastProgress) {
            lastMessage = current;
            lastProgress = progress;
            checksWithoutProgress = 0;
            return;
        }
        if (++checksWithoutProgress >= CHECKS_PER_TIMEOUT) {
            disarm();
            failures.failure("write timeout", String.format("Reset %s: it took no bytes for %s (--write-timeout)",
                    PoemWritingHandler.peer(ctx.channel()), ServerLimits.seconds(limits.writeTimeout())));
            CutOff.WRITE_TIMEOUT.reset(ctx.channel());
        }
    }
}
