package dev.poetry.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
 * <p>Made per channel (it holds the connection's progress); runs on the channel's loop only.
 */
final class WriteDeadline extends ChannelInboundHandlerAdapter {

    private static final int CHECKS_PER_TIMEOUT = 4;

    private final ServerLimits limits;
    private final FailureLog failures;
    private ScheduledFuture<?> timer;
    private int lastMessage;
    private long lastProgress = -1;
    private int checksWithoutProgress;

    WriteDeadline(ServerLimits limits, FailureLog failures) {
        this.limits = limits;
        this.failures = failures;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        long period = Math.max(1, limits.writeTimeout().toNanos() / CHECKS_PER_TIMEOUT);
        timer = ctx.executor().scheduleAtFixedRate(() -> check(ctx), period, period, TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        ctx.fireChannelInactive();
    }

    private void check(ChannelHandlerContext ctx) {
        ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
        Object current = pending == null ? null : pending.current();
        if (current == null) {
            checksWithoutProgress = 0; // nothing waits for the client: not its fault
            lastProgress = -1;
            return;
        }
        int message = System.identityHashCode(current);
        long progress = pending.currentProgress();
        if (message != lastMessage || progress != lastProgress) {
            lastMessage = message;
            lastProgress = progress;
            checksWithoutProgress = 0;
            return;
        }
        if (++checksWithoutProgress >= CHECKS_PER_TIMEOUT) {
            timer.cancel(false);
            failures.failure("write timeout", String.format("Reset %s: it took no bytes for %s (--write-timeout)",
                    PoemWritingHandler.peer(ctx.channel()), ServerLimits.seconds(limits.writeTimeout())));
            CutOff.WRITE_TIMEOUT.reset(ctx.channel());
        }
    }
}
