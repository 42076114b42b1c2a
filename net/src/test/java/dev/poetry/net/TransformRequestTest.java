package dev.poetry.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TransformRequestTest {

    @Test
    void splitsAtTheFirstDot() {
        ByteBuf payload = Unpooled.copiedBuffer("cummingsify.One. Two.\n", StandardCharsets.UTF_8);
        try {
            assertEquals(new TransformRequest("cummingsify", "One. Two.\n"), TransformRequest.decode(payload));
        } finally {
            payload.release();
        }
    }

    @Test
    void roundTripsMultiByteText() {
        TransformRequest request = new TransformRequest("shout", "\u00e0 la sera, l'\u00f9ltimo s\u00ec\n");
        ByteBuf payload = request.encode(ByteBufAllocator.DEFAULT);
        try {
            assertEquals("shout.\u00e0 la sera, l'\u00f9ltimo s\u00ec\n", payload.toString(StandardCharsets.UTF_8));
            assertEquals(request, TransformRequest.decode(payload));
        } finally {
            payload.release();
        }
    }

    @Test
    void refusesAPayloadWithoutADot() {
        ByteBuf payload = Unpooled.copiedBuffer("cummingsify", StandardCharsets.UTF_8);
        try {
            MalformedRequestException error = assertThrows(MalformedRequestException.class, () -> TransformRequest.decode(payload));
            assertEquals("request has no '.' between the transform name and the poem", error.getMessage());
        } finally {
            payload.release();
        }
    }

    @Test
    void refusesInvalidUtf8() {
        ByteBuf payload = Unpooled.wrappedBuffer(new byte[] {'a', '.', (byte) 0xc3, '('});
        MalformedRequestException error = assertThrows(MalformedRequestException.class, () -> TransformRequest.decode(payload));
        assertEquals("request is not valid UTF-8", error.getMessage());
    }

    @Test
    void decodesFromDirectBuffersAndFromSlicesOfHeapArrays() {
        byte[] bytes = "xxshout.\u00e0 la sera\nyy".getBytes(StandardCharsets.UTF_8);
        ByteBuf direct = Unpooled.directBuffer(bytes.length).writeBytes(bytes, 2, bytes.length - 4);
        ByteBuf slice = Unpooled.wrappedBuffer(bytes).slice(2, bytes.length - 4);
        try {
            TransformRequest expected = new TransformRequest("shout", "\u00e0 la sera\n");
            assertEquals(expected, TransformRequest.decode(direct));
            assertEquals(expected, TransformRequest.decode(slice));
            assertEquals(0, direct.readerIndex(), "the payload is left unread");
        } finally {
            direct.release();
        }
    }

    @Test
    void refusesInvalidUtf8InTheNameAndSurrogatesInThePoem() {
        for (byte[] bytes : new byte[][] {{(byte) 0xff, '.', 'a'}, {'a', '.', (byte) 0xed, (byte) 0xa0, (byte) 0x80}}) {
            ByteBuf payload = Unpooled.wrappedBuffer(bytes);
            assertThrows(MalformedRequestException.class, () -> TransformRequest.decode(payload));
        }
    }

    @Test
    void encodesIntoABufferOfExactlyTheRightSize() {
        ByteBuf payload = new TransformRequest("shout", "\u00e0 \ud83d\ude00").encode(ByteBufAllocator.DEFAULT);
        try {
            assertEquals(payload.readableBytes(), payload.maxCapacity());
        } finally {
            payload.release();
        }
    }

    @Test
    void refusesANameWithADot() {
        assertThrows(IllegalArgumentException.class, () -> new TransformRequest("a.b", "poem"));
    }
}
