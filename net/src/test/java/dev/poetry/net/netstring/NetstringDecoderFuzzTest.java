package dev.poetry.net.netstring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.poetry.testing.NetstringReference;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoder against a plain reference reading of the same bytes, whatever the splits: the same
 * frames, an error exactly where the reference finds one, nothing after it, and no buffer left
 * unreleased. Seeds in {@code NetstringDecoderFuzzTestInputs/} run in every build; set
 * {@code JAZZER_FUZZ=1} to fuzz.
 */
class NetstringDecoderFuzzTest {

    @FuzzTest(maxDuration = "90s") // under the 120 s that bounds every test
    void decodesAnyBytesInAnySplitsAsTheReferenceDoes(FuzzedDataProvider data) {
        int maxLength = data.consumeInt(0, 40);
        List<byte[]> chunks = new ArrayList<>();
        while (data.remainingBytes() > 0) {
            chunks.add(data.consumeBytes(data.consumeInt(1, 24)));
        }
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        chunks.forEach(stream::writeBytes);
        NetstringReference expected = NetstringReference.read(stream.toByteArray(), maxLength);

        EmbeddedChannel channel = new EmbeddedChannel(new NetstringDecoder(maxLength));
        List<byte[]> frames = new ArrayList<>();
        boolean failed = false;
        for (byte[] chunk : chunks) {
            try {
                channel.writeInbound(Unpooled.wrappedBuffer(chunk));
            } catch (DecoderException e) {
                assertFalse(failed, "one error, then silence");
                failed = true;
            }
            for (ByteBuf frame; (frame = channel.readInbound()) != null; ) {
                frames.add(ByteBufUtil.getBytes(frame));
                frame.release();
            }
        }
        channel.finishAndReleaseAll();
        assertEquals(expected.failed(), failed, "an error exactly where the reference finds one");
        assertEquals(expected.frames().size(), frames.size(), "as many frames as the reference");
        for (int i = 0; i < frames.size(); i++) {
            assertArrayEquals(expected.frames().get(i), frames.get(i), "frame " + i);
            assertTrue(frames.get(i).length <= maxLength);
        }
    }
}
