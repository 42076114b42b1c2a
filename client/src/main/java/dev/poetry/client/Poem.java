package dev.poetry.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A poem as it arrived: the bytes until the server closed. Decoded as UTF-8 only when asked, and whole. */
public final class Poem {

    private final byte[] bytes;

    public Poem(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public static Poem of(String text) {
        return new Poem(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes, as a copy. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The text; a malformed sequence becomes U+FFFD rather than an error. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Poem poem && Arrays.equals(bytes, poem.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Poem[" + bytes.length + " bytes]";
    }
}
