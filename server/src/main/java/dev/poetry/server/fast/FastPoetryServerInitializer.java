package dev.poetry.server.fast;

import dev.poetry.server.Verbosity;
import dev.poetry.server.SharedPoem;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;

/** Pipeline of the fast server: no framing, no codec; the handler writes the poem and closes. */
@Sharable
final class FastPoetryServerInitializer extends ChannelInitializer<Channel> {

    private final FastPoetryServerHandler handler;

    FastPoetryServerInitializer(SharedPoem poem, Verbosity verbosity) {
        this.handler = new FastPoetryServerHandler(poem, verbosity);
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast(handler);
    }
}
