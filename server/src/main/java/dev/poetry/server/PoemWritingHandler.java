package dev.poetry.server;

import dev.poetry.protocol.Address;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every handler that writes a poem shares: the client has nothing to say, an error closes
 * the connection with one log line, and a peer's address is formatted only for a line that is
 * actually logged, since these handlers run for every connection.
 */
public abstract class PoemWritingHandler extends ChannelInboundHandlerAdapter {

    /** Named after the concrete handler, so log lines say which server wrote them. */
    protected final Logger log = LoggerFactory.getLogger(getClass());
    protected final Verbosity verbosity;

    protected PoemWritingHandler(Verbosity verbosity) {
        this.verbosity = verbosity;
    }

    /** The peer as log lines show it. */
    protected static String peer(Channel channel) {
        return Address.describe(channel.remoteAddress());
    }

    /** Writes the whole poem, logs the outcome (the success line only when per-connection lines are on), and closes. */
    protected void sendWholePoem(Channel channel, SharedPoem poem) {
        channel.writeAndFlush(poem.all()).addListener((ChannelFutureListener) sent -> {
            if (!sent.isSuccess()) {
                log.info("Could not send poetry to {}: {}", peer(sent.channel()), reason(sent.cause()));
            } else if (verbosity.perConnection()) {
                log.info("Sent {} bytes of poetry to {}", poem.length(), peer(sent.channel()));
            }
            sent.channel().close();
        });
    }

    /** A failure in a few words for a log line; subclasses that know more may say it better. */
    protected String reason(Throwable cause) {
        return cause.getMessage();
    }

    /** Clients of a poetry server have nothing to say; whatever they send is dropped. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("Closing {}: {}", peer(ctx.channel()), reason(cause));
        ctx.close();
    }
}
