package dev.poetry.server.fast;

import dev.poetry.server.Verbosity;
import dev.poetry.protocol.Address;
import dev.poetry.server.SharedPoem;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the whole poem as soon as a client connects, then closes. Holds no state per connection. */
@Sharable
final class FastPoetryServerHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(FastPoetryServerHandler.class);

    private final SharedPoem poem;
    private final Verbosity verbosity;

    FastPoetryServerHandler(SharedPoem poem, Verbosity verbosity) {
        this.poem = poem;
        this.verbosity = verbosity;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (verbosity.detailed()) {
            log.info("Somebody at {} wants poetry!", Address.describe(ctx.channel().remoteAddress()));
        }
        ctx.writeAndFlush(poem.all()).addListener((ChannelFutureListener) sent -> {
            // The peer is named only when a line is logged: this runs for every connection.
            if (!sent.isSuccess()) {
                log.info("Could not send poetry to {}: {}", Address.describe(sent.channel().remoteAddress()),
                        sent.cause().getMessage());
            } else if (verbosity.perConnection()) {
                log.info("Sent {} bytes of poetry to {}", poem.length(), Address.describe(sent.channel().remoteAddress()));
            }
            sent.channel().close();
        });
    }

    /** Clients of a poetry server have nothing to say; whatever they send is dropped. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("Closing {}: {}", Address.describe(ctx.channel().remoteAddress()), cause.getMessage());
        ctx.close();
    }
}
