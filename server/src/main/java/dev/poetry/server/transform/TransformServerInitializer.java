package dev.poetry.server.transform;

import dev.poetry.protocol.netstring.NetstringDecoder;
import dev.poetry.protocol.netstring.NetstringEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Pipeline of the transform server: idle timer, netstring framing, then the transform logic. */
@Sharable
final class TransformServerInitializer extends ChannelInitializer<Channel> {

    private final TransformServer.Settings settings;

    TransformServerInitializer(TransformServer.Settings settings) {
        this.settings = settings;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast(
                new IdleStateHandler(settings.idleTimeout().toNanos(), 0, 0, TimeUnit.NANOSECONDS),
                new NetstringDecoder(settings.maxLength()),
                NetstringEncoder.INSTANCE,
                new TransformServerHandler(settings));
    }
}
