package dev.poetry.server.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaseMappingTest {

    /** Characters whose case maps to several, by context, or outside the BMP, among plain ones. */
    private static final String[] ALPHABET = {
        "A", "b", "Z", " ", ".", ",", "'", "-", "1", "\n", "\t",
        "\u0130", "\u00df", "\u0390", "\u01f0", "\u03a3", "\u03c3", "\u03c2", "\u0391", "\u039f", "\u03b1",
        "\u0301", "\u0345", "\u00aa", "\u02b0", "\u1d2c", "\u1d62", "\u2160", "\u24b6", "\u01c5", "\u0149",
        "\ufb00", "\u1fb3", "\u1f80", "\u00ff", "\u00b5", "\u0e01", "\u4e00", "\u05d0", "\u0627",
        "\ud835\udc00", "\ud801\udc00", "\ud801\udc28", "\ud83d\ude00", "\ud800", "\udc00",
    };

    /** Expectations are Python 3's {@code str.lower()}, which the tutorial's transform server calls. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\u0130|i\u0307",
        "\u0130\u0130 X|i\u0307i\u0307 x",
        "\u03a3|\u03c3",
        "\u039f\u0394\u039f\u03a3|\u03bf\u03b4\u03bf\u03c2",
        "\u0391\u03a3.|\u03b1\u03c2.",
        "\u0391\u03a3\u0391|\u03b1\u03c3\u03b1",
        "\u03a3\u0391|\u03c3\u03b1",
        "\u0391\u03a3 \u03a3\u0391 \u0391\u03a3|\u03b1\u03c2 \u03c3\u03b1 \u03b1\u03c2",
        "\u0391\u03a3\u03a3|\u03b1\u03c3\u03c2",
        "\u00dfe \u0390 \u01f0|\u00dfe \u0390 \u01f0",
        "\u0391\u03a3\u0301|\u03b1\u03c2\u0301",
        "\u0391\u0345\u03a3|\u03b1\u0345\u03c2",
    })
    void lowersLikePython(String text, String expected) {
        assertEquals(expected, CaseMapping.lower(text));
    }

    /** Where the JDK's word-boundary rule for the final sigma gives otherwise than Python's. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\u039b\u039f\u0393\u039f\u03a3-\u0391\u039b\u039b\u0391|\u03bb\u03bf\u03b3\u03bf\u03c2-\u03b1\u03bb\u03bb\u03b1",
        "\u03911\u03a3|\u03b11\u03c3",
        "\u0391:\u03a3|\u03b1:\u03c2",
        "\u0391_\u03a3|\u03b1_\u03c3",
    })
    void decidesTheFinalSigmaAsPythonDoesWhereTheJdkDiffers(String text, String python) {
        assertNotEquals(python, text.toLowerCase(Locale.ROOT), "the JDK differs here");
        assertEquals(python, CaseMapping.lower(text));
    }

    /** Texts dense in sigmas and their neighbours, with Python's lower case of each (python-lower.py wrote them). */
    @Test
    void lowersLikePythonOnRandomTextAroundSigmas() throws Exception {
        List<String> lines;
        try (InputStream in = CaseMappingTest.class.getResourceAsStream("python-lower.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.startsWith("#")).toList();
        }
        assertEquals(600, lines.size());
        for (String line : lines) {
            String[] pair = line.split("\t");
            String text = fromCodePoints(pair[0]);
            assertEquals(fromCodePoints(pair[1]), CaseMapping.lower(text), () -> "lower of " + escape(text));
        }
    }

    private static String fromCodePoints(String hex) {
        StringBuilder text = new StringBuilder();
        for (String cp : hex.split(" ")) {
            text.appendCodePoint(Integer.parseInt(cp, 16));
        }
        return text.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\u00df|SS",
        "stra\u00dfe|STRASSE",
        "\u0390|\u0399\u0308\u0301",
        "\u01f0|J\u030c",
        "\u03c2 \u03c3|\u03a3 \u03a3",
        "\u0130|\u0130",
        "\ufb00 \u1f80|FF \u1f08\u0399",
    })
    void raisesLikeTheJdk(String text, String expected) {
        assertEquals(expected, text.toUpperCase(Locale.ROOT), "the expectation is today's JDK output");
        assertEquals(expected, CaseMapping.upper(text));
    }

    /** Apart from the final sigma (above), each code point maps as the JDK maps it. */
    @Test
    void matchesTheJdkOnRandomMixedText() {
        Random random = new Random(20261130);
        for (int run = 0; run < 5_000; run++) {
            String text = randomText(random, random.nextInt(run % 10 == 0 ? 600 : 80));
            String withoutCapitalSigma = text.replace('\u03a3', '\u0391');
            assertEquals(withoutCapitalSigma.toLowerCase(Locale.ROOT), CaseMapping.lower(withoutCapitalSigma),
                    () -> "lower of " + escape(withoutCapitalSigma));
            assertEquals(text.toUpperCase(Locale.ROOT), CaseMapping.upper(text), () -> "upper of " + escape(text));
        }
    }

    @Test
    void matchesTheJdkWhereAPieceBoundaryFallsInsideASurrogatePairOrBesideASigma() {
        for (int offset = 55; offset < 70; offset++) {
            for (String tail : new String[] {"\ud801\udc00\ud801\udc00", "\u03a3 \u0391\u03a3", "\u0391\u03a3", "\u0130\u03a3"}) {
                String text = "\u0391".repeat(offset) + tail + "\u00df".repeat(10);
                assertEquals(text.toLowerCase(Locale.ROOT), CaseMapping.lower(text), () -> "lower of " + escape(text));
                assertEquals(text.toUpperCase(Locale.ROOT), CaseMapping.upper(text), () -> "upper of " + escape(text));
            }
        }
    }

    /** 1 MiB of each costly character took 31 s (İ, ß) or longer (Σ) with one JDK call; linear time takes milliseconds. */
    @ParameterizedTest
    @CsvSource({"\u0130", "\u00df", "\u03a3", "\u0391\u03a3", "\u0390", "\u01f0"})
    void mapsAMebibyteOfCostlyCharactersInLinearTime(String unit) {
        int bytesPerUnit = unit.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        String text = unit.repeat((1 << 20) / bytesPerUnit);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertEquals(expectedLength(text, true), CaseMapping.lower(text).length());
            assertEquals(expectedLength(text, false), CaseMapping.upper(text).length());
        });
    }

    /** The mapped length, from mapping one unit, since the JDK can't map the whole text in reasonable time. */
    private static int expectedLength(String text, boolean lower) {
        int total = 0;
        for (int i = 0; i < text.length(); i++) {
            String one = String.valueOf(text.charAt(i));
            total += (lower ? one.toLowerCase(Locale.ROOT) : one.toUpperCase(Locale.ROOT)).length();
        }
        return total;
    }

    private static String randomText(Random random, int units) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < units; i++) {
            text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return text.toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x80 && c >= 0x20 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return out.toString();
    }

    @Test
    void mapsAsciiWhereItLiesExactlyAsTheTextMapping() {
        Random random = new Random(11);
        for (int length = 0; length <= 40; length++) {
            for (int run = 0; run < 200; run++) {
                byte[] bytes = new byte[length];
                for (int i = 0; i < length; i++) {
                    // Half the bytes at the edges of the letter ranges, where a carry or an off-by-one would show.
                    bytes[i] = (byte) (random.nextBoolean() ? "@AZ[`az{\u007f\u0000".charAt(random.nextInt(10)) : random.nextInt(128));
                }
                String text = new String(bytes, StandardCharsets.US_ASCII);
                assertEquals(text.toLowerCase(Locale.ROOT), mappedInPlace(bytes, true), text);
                assertEquals(text.toUpperCase(Locale.ROOT), mappedInPlace(bytes, false), text);
            }
        }
    }

    @Test
    void mapsEveryAsciiByteAtEveryPositionOfAWord() {
        for (int value = 0; value < 128; value++) {
            for (int position = 0; position < 9; position++) {
                byte[] bytes = "xyzXYZ.!?".getBytes(StandardCharsets.US_ASCII);
                bytes[position] = (byte) value;
                String text = new String(bytes, StandardCharsets.US_ASCII);
                assertEquals(text.toLowerCase(Locale.ROOT), mappedInPlace(bytes, true), "byte " + value + " at " + position);
                assertEquals(text.toUpperCase(Locale.ROOT), mappedInPlace(bytes, false), "byte " + value + " at " + position);
            }
        }
    }

    /** The bytes mapped in a direct buffer between two guard bytes, which must stay as they were. */
    private static String mappedInPlace(byte[] bytes, boolean lower) {
        ByteBuf buf = Unpooled.directBuffer(bytes.length + 2).writeByte('Q').writeBytes(bytes).writeByte('q');
        try {
            if (lower) {
                CaseMapping.lowerAscii(buf, 1, bytes.length);
            } else {
                CaseMapping.upperAscii(buf, 1, bytes.length);
            }
            assertEquals('Q', buf.getByte(0));
            assertEquals('q', buf.getByte(bytes.length + 1));
            return new String(ByteBufUtil.getBytes(buf, 1, bytes.length), StandardCharsets.US_ASCII);
        } finally {
            buf.release();
        }
    }
}
