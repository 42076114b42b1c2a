package dev.poetry.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The payload of a transform request: the transform's name, a {@code .}, and the poem, all UTF-8.
 * The name is everything before the first {@code .}, so a name can never contain one.
 */
public record TransformRequest(String name, String poem) {

    public TransformRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(poem, "poem");
        if (name.indexOf('.') >= 0) {
            throw new IllegalArgumentException("transform name '" + name + "' contains a '.'");
        }
    }

    /** The payload bytes, ready to be framed as a netstring, in a buffer of exactly their size. */
    public ByteBuf encode(ByteBufAllocator alloc) {
        int nameBytes = ByteBufUtil.utf8Bytes(name);
        int poemBytes = ByteBufUtil.utf8Bytes(poem);
        ByteBuf buf = alloc.buffer(nameBytes + 1 + poemBytes, nameBytes + 1 + poemBytes);
        ByteBufUtil.reserveAndWriteUtf8(buf, name, nameBytes);
        buf.writeByte('.');
        ByteBufUtil.reserveAndWriteUtf8(buf, poem, poemBytes);
        return buf;
    }

    /**
     * Reads a request from a netstring's payload, which is left unreleased and unread. The bytes are
     * copied at most once (not at all from a heap buffer), validated strictly, then decoded.
     *
     * @throws MalformedRequestException when there is no {@code .} or the bytes are not valid UTF-8
     */
    public static TransformRequest decode(ByteBuf payload) {
        int length = payload.readableBytes();
        byte[] bytes;
        int offset;
        if (payload.hasArray()) {
            bytes = payload.array();
            offset = payload.arrayOffset() + payload.readerIndex();
        } else {
            bytes = new byte[length];
            payload.getBytes(payload.readerIndex(), bytes);
            offset = 0;
        }
        int nameEnd = nameEnd(payload);
        if (nameEnd < 0) {
            throw new MalformedRequestException("request has no '.' between the transform name and the poem");
        }
        int dot = offset + nameEnd - payload.readerIndex();
        // A '.' is never part of a multi-byte sequence, so the whole is valid exactly when both halves are.
        if (!Utf8.isValid(bytes, offset, length)) {
            throw new MalformedRequestException("request is not valid UTF-8");
        }
        String name = new String(bytes, offset, dot - offset, StandardCharsets.UTF_8);
        String poem = new String(bytes, dot + 1, offset + length - dot - 1, StandardCharsets.UTF_8);
        return new TransformRequest(name, poem);
    }

    /**
     * Where the name ends in a request's payload: the index in {@code payload} of its first {@code .},
     * which is the name's end and the poem's start less one; -1 when there is none.
     */
    public static int nameEnd(ByteBuf payload) {
        return payload.indexOf(payload.readerIndex(), payload.writerIndex(), (byte) '.');
    }
}
