package dev.poetry.proxy;

import dev.poetry.client.FailureReason;
import dev.poetry.server.PoemWritingHandler;
import dev.poetry.server.Verbosity;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;

/**
 * Gives one client the poem: takes a lease on it when the client connects, writes it when it is
 * ready, and releases the lease if the client hangs up first, which cancels the upstream download
 * once nobody else waits. A failed fetch closes the client without data.
 *
 * <p>Made per connection (it holds the lease). The lease completes on the upstream's event loop;
 * Netty hands the write over to this channel's loop.
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
        lease.poem().whenComplete((poem, error) -> {
            if (error != null) {
                channel.close(); // the cache has logged why, once for every waiting client
            } else if (channel.isActive()) {
                sendWholePoem(channel, poem);
            }
        });
        ctx.fireChannelActive();
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
