package dev.poetry.net.netstring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NetstringEncoderTest {

    @Test
    void framesPayloadsThatTheDecoderReadsBack() {
        EmbeddedChannel out = new EmbeddedChannel(NetstringEncoder.INSTANCE);
        EmbeddedChannel in = new EmbeddedChannel(new NetstringDecoder(1 << 20));
        for (String text : new String[] {"", "a", "hello world!", "\u00e0 la sera,\n", "x".repeat(70_000)}) {
            out.writeOutbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
            ByteBuf frame = out.readOutbound();
            int length = text.getBytes(StandardCharsets.UTF_8).length;
            assertEquals(length + ":", frame.toString(0, String.valueOf(length).length() + 1, StandardCharsets.US_ASCII));
            assertEquals(',', frame.getByte(frame.writerIndex() - 1));
            in.writeInbound(frame);
            ByteBuf payload = in.readInbound();
            assertEquals(text, payload.toString(StandardCharsets.UTF_8));
            payload.release();
        }
        assertFalse(out.finish());
        assertFalse(in.finish());
    }

    @Test
    void writesTheTutorialsExampleByteForByte() {
        EmbeddedChannel out = new EmbeddedChannel(NetstringEncoder.INSTANCE);
        out.writeOutbound(Unpooled.copiedBuffer("cummingsify.HERE IS MY POEM", StandardCharsets.US_ASCII));
        ByteBuf frame = out.readOutbound();
        assertEquals("27:cummingsify.HERE IS MY POEM,", frame.toString(StandardCharsets.US_ASCII));
        frame.release();
        assertFalse(out.finish());
    }
}
