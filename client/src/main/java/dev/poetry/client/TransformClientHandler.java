package dev.poetry.client;

import dev.poetry.protocol.TransformRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** Sends the request once connected and completes with the first reply. Per connection; event loop only. */
final class TransformClientHandler extends ChannelInboundHandlerAdapter {

    private final ClientSettings settings;
    private final TransformRequest request;
    private final CompletableFuture<String> result;

    TransformClientHandler(ClientSettings settings, TransformRequest request, CompletableFuture<String> result) {
        this.settings = settings;
        this.request = request;
        this.result = result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(request.encode(ctx.alloc())).addListener(sent -> {
            if (!sent.isSuccess()) {
                result.completeExceptionally(sent.cause());
            }
        });
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            result.complete(((ByteBuf) msg).toString(StandardCharsets.UTF_8));
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        result.completeExceptionally(new NoReplyException());
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            result.completeExceptionally(new NoDataException(settings.idleTimeout()));
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.completeExceptionally(cause);
        ctx.close();
    }
}
