package dev.poetry.server.fast;

import dev.poetry.server.PoemWritingHandler;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;

/** Writes the whole poem as soon as a client connects, then closes. Holds no state per connection. */
@Sharable
final class FastPoetryServerHandler extends PoemWritingHandler {

    private final SharedPoem poem;

    FastPoetryServerHandler(SharedPoem poem, Verbosity verbosity) {
        super(verbosity);
        this.poem = poem;
    }

    @Override
    protected void startWriting(ChannelHandlerContext ctx) {
        sendWholePoem(ctx.channel(), poem);
    }
}
