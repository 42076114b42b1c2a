package dev.poetry.client;

import io.netty.buffer.ByteBuf;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a poem to a file chunk by chunk as it arrives, so memory stays bounded whatever its size.
 * Writing blocks: call it on a thread that may block, or, from an event loop, through
 * {@link OffLoopPoemSink}.
 */
public final class FilePoemSink implements PoemSink, Closeable {

    private final FileChannel file;
    private int largestChunk;

    /**
     * Creates {@code path}, which must not exist yet: never an existing file, never through a
     * link (a link planted there, even a dangling one, makes this fail).
     */
    public FilePoemSink(Path path) throws IOException {
        this.file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void accept(ByteBuf chunk) throws IOException {
        largestChunk = Math.max(largestChunk, chunk.readableBytes());
        for (ByteBuffer buffer : chunk.nioBuffers()) {
            while (buffer.hasRemaining()) {
                file.write(buffer);
            }
        }
    }

    /** The most bytes this sink was ever handed at once: the most the download held for it. */
    public int largestChunk() {
        return largestChunk;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
