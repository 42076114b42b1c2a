package dev.poetry.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;

/** Pipeline of the proxy: no framing (a poem is the bytes until close); one handler per client. */
@Sharable
final class PoetryProxyInitializer extends ChannelInitializer<Channel> {

    private final PoemCache cache;
    private final boolean verbose;

    PoetryProxyInitializer(PoemCache cache, boolean verbose) {
        this.cache = cache;
        this.verbose = verbose;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast(new PoetryProxyHandler(cache, verbose));
    }
}
