package dev.poetry.proxy;

import dev.poetry.server.Verbosity;
import dev.poetry.client.FailureReason;
import dev.poetry.protocol.Address;
import dev.poetry.server.SharedPoem;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives one client the poem: takes a lease on it when the client connects, writes it when it is
 * ready, and releases the lease if the client hangs up first, which cancels the upstream download
 * once nobody else waits. A failed fetch closes the client without data.
 *
 * <p>Made per connection (it holds the lease). The lease completes on the upstream's event loop;
 * Netty hands the write over to this channel's loop.
 */
final class PoetryProxyHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PoetryProxyHandler.class);

    private final PoemCache cache;
    private final Verbosity verbosity;
    private PoemCache.Lease lease;

    PoetryProxyHandler(PoemCache cache, Verbosity verbosity) {
        this.cache = cache;
        this.verbosity = verbosity;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        String peer = Address.describe(channel.remoteAddress());
        if (verbosity.detailed()) {
            log.info("Somebody at {} wants poetry!", peer);
        }
        lease = cache.acquire();
        lease.poem().whenComplete((poem, error) -> {
            if (error != null) {
                channel.close(); // the cache has logged why, once for every waiting client
            } else if (channel.isActive()) {
                send(channel, poem, peer, verbosity);
            }
        });
        ctx.fireChannelActive();
    }

    private static void send(Channel channel, SharedPoem poem, String peer, Verbosity verbosity) {
        channel.writeAndFlush(poem.all()).addListener((ChannelFutureListener) sent -> {
            if (sent.isSuccess()) {
                if (verbosity.perConnection()) {
                    log.info("Sent {} bytes of poetry to {}", poem.length(), peer);
                }
            } else {
                log.info("Could not send poetry to {}: {}", peer, FailureReason.of(sent.cause()));
            }
            sent.channel().close();
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (lease != null) {
            lease.release();
        }
        ctx.fireChannelInactive();
    }

    /** Clients of a poetry server have nothing to say; whatever they send is dropped. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("Closing {}: {}", Address.describe(ctx.channel().remoteAddress()), FailureReason.of(cause));
        ctx.close();
    }
}
