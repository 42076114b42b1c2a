package dev.poetry.client;

import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * Where a download's bytes go as they arrive, one chunk at a time, in order; the chunk is only
 * lent: read it, do not keep or release it. Given to {@link PoetryClient#download(dev.poetry.net.Address, PoemSink)}
 * it is called on the connection's event loop, so it must not block there: a sink that blocks (a
 * file) goes through {@link OffLoopPoemSink} instead.
 */
@FunctionalInterface
public interface PoemSink {

    void accept(ByteBuf chunk) throws IOException;
}
