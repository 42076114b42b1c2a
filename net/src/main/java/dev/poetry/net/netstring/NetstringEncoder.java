package dev.poetry.net.netstring;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Frames each outgoing {@link ByteBuf} as a netstring. The payload is not copied: the frame is a
 * composite of a small header, the payload itself and the trailing comma.
 */
@Sharable
public final class NetstringEncoder extends MessageToMessageEncoder<ByteBuf> {

    public static final NetstringEncoder INSTANCE = new NetstringEncoder();

    private NetstringEncoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf payload, List<Object> out) {
        String header = payload.readableBytes() + ":";
        ByteBuf head = ctx.alloc().buffer(header.length());
        ByteBufUtil.writeAscii(head, header);
        ByteBuf tail = ctx.alloc().buffer(1).writeByte(',');
        CompositeByteBuf frame = ctx.alloc().compositeBuffer(3);
        frame.addComponents(true, head, payload.retain(), tail);
        out.add(frame);
    }
}
