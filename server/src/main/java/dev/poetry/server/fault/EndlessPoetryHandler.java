package dev.poetry.server.fault;

import dev.poetry.server.PoemWritingHandler;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;

/**
 * Sends the poem again and again and never closes: a peer that floods, for testing that clients
 * bound what they keep. It writes only while the channel is writable, so the server itself holds
 * no more than Netty's high-water mark for a client that reads slowly, and one that stops reading
 * meets the write deadline.
 *
 * <p>Made per channel (it counts the connection's bytes); runs on the channel's loop only.
 */
final class EndlessPoetryHandler extends PoemWritingHandler {

    private final SharedPoem poem;
    private long sent;
    private boolean failed;

    EndlessPoetryHandler(SharedPoem poem, Verbosity verbosity) {
        super(verbosity);
        this.poem = poem;
    }

    @Override
    protected void startWriting(ChannelHandlerContext ctx) {
        writeWhileWritable(ctx);
    }

    private void writeWhileWritable(ChannelHandlerContext ctx) {
        if (failed || !ctx.channel().isActive()) {
            return;
        }
        ChannelFuture last = null;
        while (ctx.channel().isWritable()) {
            last = ctx.write(poem.all());
            sent += poem.length();
        }
        ctx.flush();
        if (last != null) {
            last.addListener(written -> {
                if (!written.isSuccess() && !failed) {
                    failed = true;
                    endedEarly(ctx.channel(), "after " + sent + " bytes of an endless poem", written.cause());
                    ctx.close();
                }
            });
        }
        if (ctx.channel().isWritable()) {
            // The client took everything at once: go on, but let the loop's other channels have a turn.
            ctx.executor().execute(() -> writeWhileWritable(ctx));
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            writeWhileWritable(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }
}
