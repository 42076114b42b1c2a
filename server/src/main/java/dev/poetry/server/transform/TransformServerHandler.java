package dev.poetry.server.transform;

import dev.poetry.protocol.Address;
import dev.poetry.protocol.MalformedRequestException;
import dev.poetry.protocol.TransformRequest;
import dev.poetry.protocol.netstring.NetstringDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request with one netstring, then closes. Anything wrong with the request closes the
 * connection without a reply, because the tutorial's clients take any reply as the poem; the log
 * says why.
 *
 * <p>Made per channel because it remembers whether its one request has been answered. It runs on
 * the channel's event loop only.
 */
final class TransformServerHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TransformServerHandler.class);

    private final TransformServer.Settings settings;
    private boolean answered;

    TransformServerHandler(TransformServer.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (settings.verbosity().detailed()) {
            log.info("Somebody at {} wants a transform", Address.describe(ctx.channel().remoteAddress()));
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (answered) {
            ReferenceCountUtil.release(msg); // one request per connection; the rest is ignored
            return;
        }
        answered = true;
        ctx.channel().config().setAutoRead(false);
        TransformRequest request;
        ByteBuf payload = (ByteBuf) msg;
        try {
            request = TransformRequest.decode(payload);
        } catch (MalformedRequestException e) {
            refuse(ctx, e.getMessage());
            return;
        } finally {
            payload.release();
        }
        Optional<Transform> transform = settings.transforms().find(request.name());
        if (transform.isEmpty()) {
            refuse(ctx, "unknown transform '" + request.name() + "'");
            return;
        }
        String result;
        try {
            result = transform.get().apply(request.poem());
        } catch (RuntimeException e) {
            refuse(ctx, "transform " + request.name() + " failed: " + e);
            return;
        }
        ByteBuf reply = ByteBufUtil.writeUtf8(ctx.alloc(), result);
        int replyBytes = reply.readableBytes();
        ctx.writeAndFlush(reply).addListener((ChannelFutureListener) sent -> {
            if (sent.isSuccess()) {
                if (settings.verbosity().perConnection()) {
                    log.info("Sent {} of {} bytes to {}", request.name(), replyBytes, Address.describe(sent.channel().remoteAddress()));
                }
            } else {
                log.info("Could not send {} to {}: {}", request.name(), Address.describe(sent.channel().remoteAddress()), sent.cause().getMessage());
            }
            sent.channel().close();
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && !answered) {
            refuse(ctx, "no whole request after " + settings.idleTimeout().toSeconds() + " s");
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        NetstringDecoder decoder = ctx.pipeline().get(NetstringDecoder.class);
        if (!answered && decoder != null && decoder.isInsideFrame()) {
            log.info("{} hung up in the middle of its request", Address.describe(ctx.channel().remoteAddress()));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        refuse(ctx, String.valueOf(reason.getMessage()));
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        answered = true;
        log.info("Closing {} without a reply: {}", Address.describe(ctx.channel().remoteAddress()), why);
        ctx.close();
    }
}
