package dev.poetry.net.netstring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetstringDecoderTest {

    private static final String STREAM = "12:hello world!,0:,5:a,b:c,3:\u00e9a,";
    private static final List<String> FRAMES = List.of("hello world!", "", "a,b:c", "\u00e9a");

    @Test
    void decodesAllAtOnce() {
        assertEquals(FRAMES, decodeInSplits(bytes(STREAM), bytes(STREAM).length));
    }

    @Test
    void decodesOneByteAtATime() {
        assertEquals(FRAMES, decodeInSplits(bytes(STREAM), 1));
    }

    @Test
    void decodesEverySplitAcrossBoundaries() {
        byte[] stream = bytes(STREAM);
        for (int size = 1; size <= stream.length; size++) {
            assertEquals(FRAMES, decodeInSplits(stream, size), "chunk size " + size);
        }
        for (int cut = 0; cut <= stream.length; cut++) {
            EmbeddedChannel channel = new EmbeddedChannel(new NetstringDecoder(100));
            channel.writeInbound(Unpooled.wrappedBuffer(stream, 0, cut));
            channel.writeInbound(Unpooled.wrappedBuffer(stream, cut, stream.length - cut));
            assertEquals(FRAMES, drain(channel), "cut at " + cut);
            assertFalse(channel.finish());
        }
    }

    @Test
    void acceptsALengthExactlyAtTheLimit() {
        assertEquals(List.of("abcde"), decodeInSplits(bytes("5:abcde,"), 3, 5));
    }

    @Test
    void refusesAnOversizedLengthAsSoonAsTheDigitsShowIt() {
        EmbeddedChannel channel = new EmbeddedChannel(new NetstringDecoder(1000));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes("100")));
        TooLongFrameException error = assertThrows(TooLongFrameException.class,
                () -> channel.writeInbound(Unpooled.wrappedBuffer(bytes("1"))));
        assertEquals("netstring length exceeds the limit of 1000 bytes", error.getMessage());
        assertNull(channel.readInbound());
        channel.finishAndReleaseAll();
    }

    @Test
    void refusesAHugeLengthWithoutOverflowing() {
        assertThrows(TooLongFrameException.class, () -> decodeInSplits(bytes("99999999999999999999999:x,"), 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"05:hello,", "00:,", "01:a,"})
    void refusesLeadingZeros(String input) {
        CorruptedFrameException error = assertThrows(CorruptedFrameException.class, () -> decodeInSplits(bytes(input), 1));
        assertEquals("netstring length has a leading zero", error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x:a,", "5 :hello,", "-1:a,", "+1:a,", " 1:a,", "1a:b,"})
    void refusesLengthsThatAreNotPlainDecimal(String input) {
        CorruptedFrameException error = assertThrows(CorruptedFrameException.class, () -> decodeInSplits(bytes(input), 1));
        assertTrue(error.getMessage().startsWith("netstring length contains "), error.getMessage());
    }

    @Test
    void refusesAMissingLength() {
        CorruptedFrameException error = assertThrows(CorruptedFrameException.class, () -> decodeInSplits(bytes(":a,"), 2));
        assertEquals("netstring has no length before ':'", error.getMessage());
    }

    @Test
    void refusesAMissingComma() {
        CorruptedFrameException error = assertThrows(CorruptedFrameException.class,
                () -> decodeInSplits(bytes("5:hello;"), 3));
        assertEquals("netstring of 5 bytes ends with ';' instead of ','", error.getMessage());
    }

    @Test
    void namesUnprintableBytes() {
        CorruptedFrameException error = assertThrows(CorruptedFrameException.class,
                () -> decodeInSplits(new byte[] {'1', ':', 'a', '\n'}, 4));
        assertEquals("netstring of 1 bytes ends with byte 0x0a instead of ','", error.getMessage());
    }

    @Test
    void discardsEverythingAfterAnError() {
        EmbeddedChannel channel = new EmbeddedChannel(new NetstringDecoder(100));
        assertThrows(CorruptedFrameException.class, () -> channel.writeInbound(Unpooled.wrappedBuffer(bytes("2:abc,"))));
        assertFalse(channel.writeInbound(Unpooled.wrappedBuffer(bytes("3:abc,"))));
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void knowsWhenAFrameIsHalfRead() {
        NetstringDecoder decoder = new NetstringDecoder(100);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        assertFalse(decoder.isInsideFrame());
        channel.writeInbound(Unpooled.wrappedBuffer(bytes("5:he")));
        assertTrue(decoder.isInsideFrame());
        channel.writeInbound(Unpooled.wrappedBuffer(bytes("llo,")));
        assertFalse(decoder.isInsideFrame());
        assertEquals(List.of("hello"), drain(channel));
        channel.finishAndReleaseAll();
    }

    private static List<String> decodeInSplits(byte[] stream, int chunk) {
        return decodeInSplits(stream, chunk, 100);
    }

    private static List<String> decodeInSplits(byte[] stream, int chunk, int maxLength) {
        EmbeddedChannel channel = new EmbeddedChannel(new NetstringDecoder(maxLength));
        try {
            for (int i = 0; i < stream.length; i += chunk) {
                channel.writeInbound(Unpooled.wrappedBuffer(stream, i, Math.min(chunk, stream.length - i)));
            }
            List<String> frames = drain(channel);
            assertFalse(channel.finish());
            return frames;
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static List<String> drain(EmbeddedChannel channel) {
        List<String> frames = new ArrayList<>();
        for (ByteBuf frame; (frame = channel.readInbound()) != null; ) {
            frames.add(frame.toString(StandardCharsets.UTF_8));
            frame.release();
        }
        return frames;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
