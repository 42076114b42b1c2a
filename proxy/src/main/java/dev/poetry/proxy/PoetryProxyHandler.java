package dev.poetry.proxy;

import dev.poetry.client.FailureReason;
import dev.poetry.server.CutOff;
import dev.poetry.server.PoemWritingHandler;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;

/**
 * Gives one client the poem: takes a lease on it when the client connects, writes it when it is
 * ready, and releases the lease if the client hangs up first, which cancels the upstream download
 * once nobody else waits. A failed fetch resets the client (SO_LINGER 0): a clean close would
 * pass for a whole, empty poem. A client that shuts down its sending side has hung up, as for the
 * tutorial's proxy ({@link PoemWritingHandler} resets it unless its whole poem is already written).
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
