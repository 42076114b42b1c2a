package dev.poetry.net;

import io.netty.handler.codec.DecoderException;

/**
 * A transform request whose netstring framing is sound but whose payload is not {@code NAME.POEM}
 * in valid UTF-8. Framing errors are the decoder's {@code CorruptedFrameException}s, not this.
 */
public final class MalformedRequestException extends DecoderException {

    public MalformedRequestException(String message) {
        super(message);
    }
}
