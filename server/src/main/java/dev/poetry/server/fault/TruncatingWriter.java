package dev.poetry.server.fault;

import dev.poetry.server.CutOff;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets the first {@code bytes} of what the poem's handlers write through, then ends the connection
 * as {@link Fault.Ending} says. The write that crossed the limit fails, so the poem's handler logs
 * how far it got instead of a success; under a stall its promise waits, as the poem does, until the
 * connection closes.
 *
 * <p>Made per channel (it counts the connection's bytes); runs on the channel's loop only.
 */
final class TruncatingWriter extends ChannelDuplexHandler {

    private final Fault.Ending ending;
    private long left;
    private boolean ended;
    private final List<ChannelPromise> stalled = new ArrayList<>(1);

    TruncatingWriter(long bytes, Fault.Ending ending) {
        this.left = bytes;
        this.ending = ending;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (ended) {
            ReferenceCountUtil.release(msg);
            fail(promise);
            return;
        }
        ByteBuf poem = (ByteBuf) msg;
        if (poem.readableBytes() < left) {
            left -= poem.readableBytes();
            ctx.write(poem, promise);
            return;
        }
        // Reading the slice moves the poem's reader index, which is how its handler knows how far it got.
        ByteBuf last = poem.readRetainedSlice((int) left);
        poem.release();
        left = 0;
        ended = true;
        ctx.writeAndFlush(last).addListener(written -> {
            if (written.isSuccess()) {
                end(ctx, promise);
            } else {
                promise.tryFailure(written.cause());
            }
        });
    }

    private void end(ChannelHandlerContext ctx, ChannelPromise promise) {
        switch (ending) {
            case RESET -> CutOff.FAULT.reset(ctx.channel());
            case CLOSE -> CutOff.FAULT.closeCleanly(ctx.channel());
            case STALL -> {
                stalled.add(promise);
                return;
            }
        }
        fail(promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stalled.forEach(TruncatingWriter::fail);
        stalled.clear();
        ctx.fireChannelInactive();
    }

    private static void fail(ChannelPromise promise) {
        promise.tryFailure(new ClosedChannelException());
    }
}
