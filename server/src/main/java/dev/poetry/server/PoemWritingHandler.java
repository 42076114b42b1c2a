package dev.poetry.server;

import dev.poetry.net.Address;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every handler that writes a poem shares: how it starts, that the client has nothing to
 * say, and how a connection that ends early is logged. A peer's address is formatted only for a
 * line that is actually logged, since these handlers run for every connection.
 *
 * <p>Every handler starts from {@link #channelActive}, through {@link #startWriting}: it fires
 * once per connection, after the initializer has built the whole pipeline, both on accepted
 * sockets and on an {@code EmbeddedChannel}. ({@code handlerAdded} also runs with the channel
 * already active on accepted sockets, but before the handlers after this one exist.)
 *
 * <p>How an early end is logged: if the server cut the connection off ({@link CutOff}) it says
 * so; a client that went away is not a server failure, so it is a line per connection only when
 * those are on (not under {@code -q}); anything else goes to the server's {@link FailureLog}.
 */
public abstract class PoemWritingHandler extends ChannelInboundHandlerAdapter {

    /** Named after the concrete handler, so log lines say which server wrote them. */
    protected final Logger log = LoggerFactory.getLogger(getClass());
    protected final Verbosity verbosity;

    protected PoemWritingHandler(Verbosity verbosity) {
        this.verbosity = verbosity;
    }

    /** The peer as log lines show it. */
    public static String peer(Channel channel) {
        return Address.describe(channel.remoteAddress());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (verbosity.detailed()) {
            log.info("Somebody at {} wants poetry!", peer(ctx.channel()));
        }
        // Else Netty closes cleanly on the client's FIN, mid-poem: a short poem that looks whole.
        ctx.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        startWriting(ctx);
        ctx.fireChannelActive();
    }

    /**
     * Starts sending the poem, or asks for it (the proxy, which calls {@link #sendWholePoem} once
     * it has it). Called once per connection, on its event loop.
     */
    protected abstract void startWriting(ChannelHandlerContext ctx);

    /**
     * Writes the whole poem, logs the outcome (the success line only when per-connection lines
     * are on), and closes. Call it on the channel's loop or any other: Netty hands the write over.
     */
    protected void sendWholePoem(Channel channel, SharedPoem poem) {
        ByteBuf whole = poem.all();
        channel.writeAndFlush(whole).addListener((ChannelFutureListener) sent -> {
            if (!sent.isSuccess()) {
                // The view's reader index is how far the transport got with it.
                endedEarly(sent.channel(), progress(whole.readerIndex(), poem.length()), sent.cause());
            } else if (verbosity.perConnection()) {
                log.info("Sent {} bytes of poetry to {}", poem.length(), peer(sent.channel()));
            }
            sent.channel().close();
        });
    }

    /** How far a poem got, for {@link #endedEarly}: {@code after 470 of 2834 bytes}. */
    protected static String progress(long sent, long total) {
        return "after " + sent + " of " + total + " bytes";
    }

    /**
     * Logs a connection that ended before its poem did ({@code progress} says how far it got),
     * either because a write failed ({@code cause}) or because the channel closed under it
     * ({@code cause} null).
     */
    protected void endedEarly(Channel channel, String progress, Throwable cause) {
        CutOff cutOff = CutOff.of(channel).orElse(null);
        if (cutOff == CutOff.SHUTDOWN) {
            if (verbosity.perConnection()) {
                log.info("Cut off {} {}: the server is shutting down", peer(channel), progress);
            }
        } else if (cutOff == CutOff.FAULT) {
            if (verbosity.perConnection()) {
                log.info("Ended {} {}, as --fault asks", peer(channel), progress);
            }
        } else if (cutOff == CutOff.WRITE_TIMEOUT || cutOff == CutOff.FAILURE) {
            return; // whoever cut it off has logged why
        } else if (cause == null || cause instanceof IOException) {
            if (verbosity.perConnection()) {
                log.info("{} went away {}{}", peer(channel), progress,
                        cause == null || cause instanceof ClosedChannelException ? "" : ": " + reason(cause));
            }
        } else {
            TcpServer.failures(channel).failure("send failed",
                    "Could not send poetry to " + peer(channel) + " " + progress + ": " + reason(cause));
        }
    }

    /** A failure in a few words for a log line; subclasses that know more may say it better. */
    protected String reason(Throwable cause) {
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /**
     * The client shut down its sending side (or closed: a FIN can't tell), taken as hanging up, as
     * the tutorial's clients do. Still open means its poem is not written whole (once it is, the
     * channel closes at once, on this loop), so it ends in a reset, never a clean close on part of it.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent && ctx.channel().isActive()) {
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            ctx.close();
        }
        ctx.fireUserEventTriggered(event);
    }

    /** Clients of a poetry server have nothing to say; whatever they send is dropped. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    /**
     * Read errors: a reset from a client that went away, or worse; either way the connection is
     * done, and it is reset, so that a client still reading never takes the end for a whole poem.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            TcpServer.failures(ctx.channel()).failure("connection failed",
                    "Closing " + peer(ctx.channel()) + ": " + reason(cause));
        } else if (verbosity.detailed()) {
            log.info("Closing {}: {}", peer(ctx.channel()), reason(cause));
        }
        CutOff.FAILURE.reset(ctx.channel());
    }
}
