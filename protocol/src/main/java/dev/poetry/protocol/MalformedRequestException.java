package dev.poetry.protocol;

import io.netty.handler.codec.CorruptedFrameException;

/** A transform request that is framed correctly but whose payload is not {@code NAME.POEM} in UTF-8. */
public final class MalformedRequestException extends CorruptedFrameException {

    public MalformedRequestException(String message) {
        super(message);
    }
}
