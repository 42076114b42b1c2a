package dev.poetry.client;

import dev.poetry.net.TransformRequest;
import dev.poetry.net.netstring.NetstringDecoder;
import dev.poetry.net.netstring.NetstringEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Pipeline of a transform request: idle timer, netstring framing both ways, then the exchange. */
final class TransformClientInitializer extends ChannelInitializer<Channel> {

    private final ClientSettings settings;
    private final TransformRequest request;
    private final int maxReply;
    private final CompletableFuture<Poem> result;

    TransformClientInitializer(ClientSettings settings, TransformRequest request, int maxReply, CompletableFuture<Poem> result) {
        this.settings = settings;
        this.request = request;
        this.maxReply = maxReply;
        this.result = result;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast(
                new ReadTimeoutHandler(settings.idleTimeout().toNanos(), TimeUnit.NANOSECONDS),
                new NetstringDecoder(maxReply),
                NetstringEncoder.INSTANCE,
                new TransformClientHandler(settings, request, result));
    }
}
