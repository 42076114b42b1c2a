package dev.poetry.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A poem as it arrived: the bytes until the server closed. Decoded as UTF-8 only when asked, and whole. */
public final class Poem {

    private final byte[] bytes;

    /** Takes {@code owned} as it is; only the factories below call it, each with an array nobody else holds. */
    private Poem(byte[] owned) {
        this.bytes = owned;
    }

    /** A poem of a copy of {@code bytes}. */
    public static Poem copyOf(byte[] bytes) {
        return new Poem(bytes.clone());
    }

    /** A poem of a copy of the buffer's readable bytes, which are left unread. */
    public static Poem copyOf(ByteBuf buffer) {
        return new Poem(ByteBufUtil.getBytes(buffer));
    }

    public static Poem of(String text) {
        return new Poem(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes an array that nobody else holds, without a copy: for {@link PoemCollector}. */
    static Poem owning(byte[] whole) {
        return new Poem(whole);
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
