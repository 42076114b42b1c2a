package dev.poetry.client;

import dev.poetry.net.TransformRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;

/** Sends the request once connected and completes with the first reply. Per connection; event loop only. */
final class TransformClientHandler extends ResultHandler<Poem> {

    private final TransformRequest request;

    TransformClientHandler(ClientSettings settings, TransformRequest request, CompletableFuture<Poem> result) {
        super(settings, result);
        this.request = request;
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
            result.complete(Poem.copyOf((ByteBuf) msg));
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        result.completeExceptionally(new NoReplyException());
        ctx.fireChannelInactive();
    }
}
