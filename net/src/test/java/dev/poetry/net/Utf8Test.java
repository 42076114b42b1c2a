package dev.poetry.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "41", "c2a0", "dfbf", "e0a080", "ed9fbf", "ee8080", "efbfbf", "f0908080", "f48fbfbf", "e282ac41"})
    void acceptsWellFormedSequences(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertTrue(Utf8.isValid(bytes, 0, bytes.length), hex);
        assertTrue(jdkAccepts(bytes), hex);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "80", "bf", "c0af", "c1bf", "c2", "c241", "e080af", "e09fbf", "eda080", "edbfbf", "e282", "e28241",
        "f08f bfbf", "f4908080", "f5808080", "ff", "fe", "f0908041", "f09080",
    })
    void refusesWhatAStrictDecoderRefuses(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        assertFalse(Utf8.isValid(bytes, 0, bytes.length), hex);
        assertFalse(jdkAccepts(bytes), hex);
    }

    @Test
    void agreesWithTheJdksStrictDecoderOnRandomBytes() {
        Random random = new Random(11);
        byte[] interesting = {0x41, 0x2e, (byte) 0x80, (byte) 0x8f, (byte) 0x90, (byte) 0x9f, (byte) 0xa0, (byte) 0xbf,
            (byte) 0xc0, (byte) 0xc2, (byte) 0xdf, (byte) 0xe0, (byte) 0xed, (byte) 0xef, (byte) 0xf0, (byte) 0xf4, (byte) 0xf5, (byte) 0xff};
        for (int run = 0; run < 200_000; run++) {
            byte[] bytes = new byte[random.nextInt(8)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (byte) random.nextInt(256);
            }
            assertEquals(jdkAccepts(bytes), Utf8.isValid(bytes, 0, bytes.length), HexFormat.of().formatHex(bytes));
        }
    }

    @Test
    void looksOnlyAtTheRangeItIsGiven() {
        byte[] bytes = {(byte) 0xff, 'a', (byte) 0xc3, (byte) 0xa9, (byte) 0xff};
        assertTrue(Utf8.isValid(bytes, 1, 3));
        assertFalse(Utf8.isValid(bytes, 1, 2), "a sequence cut by the range's end");
    }

    @Test
    void findsANonAsciiByteAtEveryPositionOfHeapAndDirectBuffers() {
        for (int length = 0; length <= 25; length++) {
            for (int position = -1; position < length; position++) {
                for (byte high : new byte[] {(byte) 0x80, (byte) 0xc3, (byte) 0xff}) {
                    byte[] bytes = new byte[length + 6];
                    Arrays.fill(bytes, (byte) 0x7f);
                    bytes[0] = high; // just outside the range, on either side
                    bytes[bytes.length - 1] = high;
                    if (position >= 0) {
                        bytes[3 + position] = high;
                    }
                    String what = "length " + length + ", " + high + " at " + position;
                    ByteBuf direct = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
                    try {
                        assertEquals(position < 0, Utf8.isAscii(Unpooled.wrappedBuffer(bytes), 3, length), what);
                        assertEquals(position < 0, Utf8.isAscii(direct, 3, length), what);
                    } finally {
                        direct.release();
                    }
                }
            }
        }
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
