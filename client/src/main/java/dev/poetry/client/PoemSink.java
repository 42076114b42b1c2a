package dev.poetry.client;

import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * Where a download's bytes go as they arrive. Called on the connection's event loop, one chunk at
 * a time; the chunk is only lent: read it, do not keep or release it.
 */
@FunctionalInterface
public interface PoemSink {

    void accept(ByteBuf chunk) throws IOException;
}
