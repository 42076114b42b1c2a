package dev.poetry.client.get;

import dev.poetry.client.FilePoemSink;
import dev.poetry.client.Poem;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where one task's poem goes as it arrives, whichever style downloads it: straight into its
 * {@code --output} file when nothing needs the poem whole afterwards, into memory otherwise. A
 * failed download leaves no partial file behind.
 */
final class TaskOutput {

    private final Path path;
    private final FilePoemSink file;
    private final ByteArrayOutputStream memory;

    private TaskOutput(Path path) throws IOException {
        this.path = path;
        this.file = path != null ? new FilePoemSink(path) : null;
        this.memory = path == null ? new ByteArrayOutputStream() : null;
    }

    static TaskOutput open(GetRequest request, Task task) throws IOException {
        return new TaskOutput(request.streamsToFiles() ? request.outputFile(task).orElseThrow() : null);
    }

    /** Takes a chunk; the chunk is only read, not kept or released. */
    void write(ByteBuf chunk) throws IOException {
        if (file != null) {
            file.accept(chunk);
        } else {
            chunk.getBytes(chunk.readerIndex(), memory, chunk.readableBytes());
        }
    }

    /** The poem held in memory, or null when it went to its file; a failed download's file is removed. */
    Poem finish(boolean succeeded) throws IOException {
        if (file == null) {
            return Poem.collected(memory);
        }
        file.close();
        if (!succeeded) {
            Files.deleteIfExists(path);
        }
        return null;
    }
}
