package dev.poetry.server.slow;

import dev.poetry.server.Verbosity;
import dev.poetry.server.SharedPoem;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;

/** Pipeline of the slow server: one handler that keeps each connection's schedule. */
@Sharable
final class SlowPoetryServerInitializer extends ChannelInitializer<Channel> {

    private final SharedPoem poem;
    private final SlowPoetryServer.Pace pace;
    private final Verbosity verbosity;

    SlowPoetryServerInitializer(SharedPoem poem, SlowPoetryServer.Pace pace, Verbosity verbosity) {
        this.poem = poem;
        this.pace = pace;
        this.verbosity = verbosity;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast(new SlowPoetryHandler(poem, pace, verbosity));
    }
}
