package dev.poetry.proxy;

import dev.poetry.client.FailureReason;
import dev.poetry.server.CutOff;
import dev.poetry.server.PoemWritingHandler;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * Gives one client the poem: takes a lease on it when the client connects, writes it when it is
 * ready, and releases the lease if the client hangs up first, which cancels the upstream download
 * once nobody else waits. A failed fetch resets the client (SO_LINGER 0): a clean close would
 * pass for a whole, empty poem. A client that shuts down its sending side has hung up, as for the
 * tutorial's proxy, and is reset too unless its whole poem is already written.
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
    protected void startWriting(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        // Else Netty closes cleanly on the client's FIN, mid-poem or before it: a short poem that looks whole.
        channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        lease = cache.acquire();
        lease.poem().whenCompleteAsync((poem, error) -> deliver(channel, poem, error), ctx.executor());
    }

    /** Runs on the channel's loop. */
    private void deliver(Channel channel, SharedPoem poem, Throwable error) {
        if (error != null) {
            CutOff.FAILURE.reset(channel); // the cache has logged why, once for every waiting client
        } else if (channel.isActive()) {
            sendWholePoem(channel, poem);
        }
    }

    /**
     * The client will send no more: taken as hanging up. Still open means its poem is not written
     * whole (once it is, the channel closes at once, on this loop), so it ends in a reset.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent && ctx.channel().isActive()) {
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            ctx.close();
        }
        ctx.fireUserEventTriggered(event);
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
