package dev.poetry.proxy;

import dev.poetry.client.FailureReason;
import dev.poetry.server.PoemWritingHandler;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;

/**
 * Gives one client the poem: takes a lease on it when the client connects, writes it when it is
 * ready, and releases the lease if the client hangs up first, which cancels the upstream download
 * once nobody else waits. A failed fetch resets the client (SO_LINGER 0): a clean close would
 * pass for a whole, empty poem.
 *
 * <p>Made per connection (it holds the lease). The lease may complete on any thread (the
 * upstream's loop, or another client's when a hit is ready at once); the outcome hops to this
 * channel's own loop before anything touches the channel, so the lease needs no volatile.
 */
final class PoetryProxyHandler extends PoemWritingHandler {

    private final PoemCache cache;
    private PoemCache.Lease lease;

    PoetryProxyHandler(PoemCache cache, Verbosity verbosity) {
        super(verbosity);
        this.cache = cache;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        if (verbosity.detailed()) {
            log.info("Somebody at {} wants poetry!", peer(channel));
        }
        lease = cache.acquire();
        lease.poem().whenCompleteAsync((poem, error) -> deliver(channel, poem, error), ctx.executor());
        ctx.fireChannelActive();
    }

    /** Runs on the channel's loop. */
    private void deliver(Channel channel, SharedPoem poem, Throwable error) {
        if (error != null) {
            reset(channel); // the cache has logged why, once for every waiting client
        } else if (channel.isActive()) {
            sendWholePoem(channel, poem);
        }
    }

    private static void reset(Channel channel) {
        if (channel.isOpen()) {
            closeWithReset(channel);
            channel.close();
        }
    }

    /** From now on, closing this channel sends a reset (SO_LINGER 0) instead of a FIN. */
    private static void closeWithReset(Channel channel) {
        try {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
        } catch (ChannelException closedMeanwhile) {
            // the peer's close won the race; closing is all that is left to do
        }
    }

    /** Whatever went wrong, this client must not take the close for a whole (empty) poem. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel().isOpen()) {
            closeWithReset(ctx.channel());
        }
        super.exceptionCaught(ctx, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (lease != null) {
            lease.release();
        }
        ctx.fireChannelInactive();
    }

    /** The proxy is also a client, and says network failures the way the client does. */
    @Override
    protected String reason(Throwable cause) {
        return FailureReason.of(cause);
    }
}
