package dev.poetry.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.ReadTimeoutException;
import java.util.concurrent.CompletableFuture;

/**
 * What both client handlers share: the connection's outcome is a future, which a quiet server
 * (the {@code ReadTimeoutHandler} in front) or an exception fails. The handlers only complete the
 * future; the {@link Connector} closes the channel once it is done, whoever completed it.
 */
abstract class ResultHandler<T> extends ChannelInboundHandlerAdapter {

    protected final ClientSettings settings;
    protected final CompletableFuture<T> result;

    ResultHandler(ClientSettings settings, CompletableFuture<T> result) {
        this.settings = settings;
        this.result = result;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.completeExceptionally(cause instanceof ReadTimeoutException ? new NoDataException(settings.idleTimeout()) : cause);
    }
}
