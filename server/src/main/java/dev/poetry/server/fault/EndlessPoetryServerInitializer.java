package dev.poetry.server.fault;

import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;

/** Pipeline of the endless fault: one handler that repeats the poem for as long as the client reads. */
@Sharable
final class EndlessPoetryServerInitializer extends ChannelInitializer<Channel> {

    private final SharedPoem poem;
    private final Verbosity verbosity;

    EndlessPoetryServerInitializer(SharedPoem poem, Verbosity verbosity) {
        this.poem = poem;
        this.verbosity = verbosity;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast(new EndlessPoetryHandler(poem, verbosity));
    }
}
