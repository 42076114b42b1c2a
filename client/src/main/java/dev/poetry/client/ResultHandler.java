package dev.poetry.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.CompletableFuture;

/**
 * What both client handlers share: the connection's outcome is a future, which a quiet server or
 * an exception fails. Closing is the {@link Connector}'s job once the future is done.
 */
abstract class ResultHandler<T> extends ChannelInboundHandlerAdapter {

    protected final ClientSettings settings;
    protected final CompletableFuture<T> result;

    ResultHandler(ClientSettings settings, CompletableFuture<T> result) {
        this.settings = settings;
        this.result = result;
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
