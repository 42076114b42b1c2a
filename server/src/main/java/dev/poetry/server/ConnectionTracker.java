package dev.poetry.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;

/**
 * Sits in the listening channel's pipeline, where every accepted connection passes as a message,
 * and remembers it for shutdown. Doing it here costs nothing per connection's own pipeline.
 */
@Sharable
final class ConnectionTracker extends ChannelInboundHandlerAdapter {

    private final ChannelGroup connections;

    ConnectionTracker(ChannelGroup connections) {
        this.connections = connections;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object accepted) {
        connections.add((Channel) accepted);
        ctx.fireChannelRead(accepted);
    }
}
