package dev.poetry.client;

import dev.poetry.protocol.Address;
import dev.poetry.protocol.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import java.util.concurrent.CompletableFuture;

/**
 * Opens one client connection whose outcome is a future, shared by both clients. However the
 * future ends (done, failed or cancelled by its owner), the connection is closed at once: this is
 * what makes cancelling a download stop the server's sending.
 */
final class Connector {

    private final EventLoops loops;
    private final ClientSettings settings;

    Connector(EventLoops loops, ClientSettings settings) {
        this.loops = loops;
        this.settings = settings;
    }

    ClientSettings settings() {
        return settings;
    }

    <T> CompletableFuture<T> connect(Address address, CompletableFuture<T> result, ChannelHandler initializer) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loops.group())
                .channel(loops.socketChannelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
                .handler(initializer);
        ChannelFuture connected = bootstrap.connect(address.toSocketAddress());
        connected.addListener(attempt -> {
            if (!attempt.isSuccess()) {
                result.completeExceptionally(attempt.cause());
            }
        });
        Channel channel = connected.channel();
        result.whenComplete((value, error) -> channel.close());
        return result;
    }
}
