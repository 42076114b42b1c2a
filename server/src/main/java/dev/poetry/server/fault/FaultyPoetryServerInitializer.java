package dev.poetry.server.fault;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;

/**
 * Pipeline of a truncating fault: the truncator nearest the socket, so that it sees every byte
 * the poem's own handlers write, then the fast or slow server's pipeline, unchanged.
 */
@Sharable
final class FaultyPoetryServerInitializer extends ChannelInitializer<Channel> {

    private final long bytes;
    private final Fault.Ending ending;
    private final ChannelHandler poemWriter;

    FaultyPoetryServerInitializer(long bytes, Fault.Ending ending, ChannelHandler poemWriter) {
        this.bytes = bytes;
        this.ending = ending;
        this.poemWriter = poemWriter;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast(new TruncatingWriter(bytes, ending), poemWriter);
    }
}
