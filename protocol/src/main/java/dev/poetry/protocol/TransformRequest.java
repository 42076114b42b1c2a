package dev.poetry.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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

    /** The payload bytes, ready to be framed as a netstring. */
    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf buf = alloc.buffer(ByteBufUtil.utf8MaxBytes(name) + 1 + ByteBufUtil.utf8MaxBytes(poem));
        ByteBufUtil.writeUtf8(buf, name);
        buf.writeByte('.');
        ByteBufUtil.writeUtf8(buf, poem);
        return buf;
    }

    /**
     * Reads a request from a netstring's payload, which is left unreleased and unread.
     *
     * @throws MalformedRequestException when there is no {@code .} or the bytes are not valid UTF-8
     */
    public static TransformRequest decode(ByteBuf payload) {
        int dot = payload.indexOf(payload.readerIndex(), payload.writerIndex(), (byte) '.');
        if (dot < 0) {
            throw new MalformedRequestException("request has no '.' between the transform name and the poem");
        }
        int start = payload.readerIndex();
        String name = decodeUtf8(payload.nioBuffer(start, dot - start));
        String poem = decodeUtf8(payload.nioBuffer(dot + 1, payload.writerIndex() - dot - 1));
        return new TransformRequest(name, poem);
    }

    /** Decodes strictly: the tutorial's server would fail on bad bytes, and so do we, loudly. */
    static String decodeUtf8(ByteBuffer bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedRequestException("request is not valid UTF-8");
        }
    }
}
