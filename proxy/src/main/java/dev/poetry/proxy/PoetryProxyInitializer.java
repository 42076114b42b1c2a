package dev.poetry.proxy;

import dev.poetry.server.Verbosity;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;

/** Pipeline of the proxy: no framing (a poem is the bytes until close); one handler per client. */
@Sharable
final class PoetryProxyInitializer extends ChannelInitializer<Channel> {

    private final PoemCache cache;
    private final Verbosity verbosity;

    PoetryProxyInitializer(PoemCache cache, Verbosity verbosity) {
        this.cache = cache;
        this.verbosity = verbosity;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast(new PoetryProxyHandler(cache, verbosity));
    }
}
