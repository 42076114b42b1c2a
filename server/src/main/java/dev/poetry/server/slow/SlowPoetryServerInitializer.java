package dev.poetry.server.slow;

import dev.poetry.server.SharedPoem;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;

/** Pipeline of the slow server: one handler that keeps each connection's schedule. */
@Sharable
final class SlowPoetryServerInitializer extends ChannelInitializer<Channel> {

    private final SharedPoem poem;
    private final SlowPoetryServer.Pace pace;
    private final boolean verbose;

    SlowPoetryServerInitializer(SharedPoem poem, SlowPoetryServer.Pace pace, boolean verbose) {
        this.poem = poem;
        this.pace = pace;
        this.verbose = verbose;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast(new SlowPoetryHandler(poem, pace, verbose));
    }
}
