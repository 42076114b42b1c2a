package dev.poetry.client.get;

import dev.poetry.client.Poem;
import dev.poetry.client.PoemCollector;
import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * Where one task's poem goes as it arrives, whichever style downloads it: into a temporary file
 * that takes its {@code --output} name once the poem is whole, when nothing needs the poem whole
 * afterwards; into memory otherwise. A failed download leaves nothing under its final name and
 * never touches a file already there.
 */
final class TaskOutput {

    private final PartialFile file;
    private final PoemCollector memory;

    private TaskOutput(PartialFile file) {
        this.file = file;
        this.memory = file == null ? new PoemCollector() : null;
    }

    static TaskOutput open(GetRequest request, Task task) throws IOException {
        return new TaskOutput(request.streamsToFiles()
                ? request.partialFiles().create(request.outputFile(task).orElseThrow()) : null);
    }

    /** Whether writing blocks (on a file), so that an event loop must leave it to another thread. */
    boolean blocks() {
        return file != null;
    }

    /** Takes a chunk; the chunk is only read, not kept or released. */
    void write(ByteBuf chunk) throws IOException {
        if (file != null) {
            file.write(chunk);
        } else {
            memory.accept(chunk);
        }
    }

    /**
     * The poem held in memory, or null when it went to its file or the download failed; a failed
     * download's file is removed, and its bytes in memory are dropped without being copied.
     */
    Poem finish(boolean succeeded) throws IOException {
        if (file == null) {
            return succeeded ? memory.poem() : null;
        }
        if (succeeded) {
            file.commit();
        } else {
            file.discard();
        }
        return null;
    }
}
