package dev.poetry.protocol;

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
    void refusesANameWithADot() {
        assertThrows(IllegalArgumentException.class, () -> new TransformRequest("a.b", "poem"));
    }
}
