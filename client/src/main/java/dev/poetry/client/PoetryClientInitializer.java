package dev.poetry.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Pipeline of a poetry download: an idle timer, then the handler that passes bytes to the sink. */
final class PoetryClientInitializer extends ChannelInitializer<Channel> {

    private final ClientSettings settings;
    private final AsyncPoemSink sink;
    private final CompletableFuture<Long> result;

    PoetryClientInitializer(ClientSettings settings, AsyncPoemSink sink, CompletableFuture<Long> result) {
        this.settings = settings;
        this.sink = sink;
        this.result = result;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast(
                new ReadTimeoutHandler(settings.idleTimeout().toNanos(), TimeUnit.NANOSECONDS),
                new PoetryClientHandler(settings, sink, result));
    }
}
