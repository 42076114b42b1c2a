package dev.poetry.client.get;

import dev.poetry.client.PoemCollector;
import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * Where one task's poem goes as it arrives, whichever style downloads it: {@link ToFile}, a
 * temporary file that takes its {@code --output} name once the poem is whole, when nothing needs
 * the poem whole afterwards; {@link InMemory} otherwise. A failed download leaves nothing under its
 * final name, never touches a file already there, and drops what it held in memory uncopied.
 */
sealed interface TaskOutput permits TaskOutput.ToFile, TaskOutput.InMemory {

    static TaskOutput open(GetRequest request, Task task) throws IOException {
        return request.streamsToFiles()
                ? new ToFile(request.partialFiles().create(request.outputFile(task).orElseThrow()))
                : new InMemory(new PoemCollector());
    }

    /** Whether writing blocks (on a file), so that an event loop must leave it to another thread. */
    boolean blocks();

    /** Takes a chunk; the chunk is only read, not kept or released. */
    void write(ByteBuf chunk) throws IOException;

    /** The poem is whole ({@code bytes} of it): where it now is. */
    Delivered finish(long bytes) throws IOException;

    /** The poem will never be whole: let go of whatever was written. */
    void discard() throws IOException;

    /** {@link #discard}, for a run that is failing already: a file that can't be removed is one more thing it can't help. */
    default void discardQuietly() {
        try {
            discard();
        } catch (IOException | RuntimeException ignored) {
            // the run's own failure is the one to report
        }
    }

    record ToFile(PartialFile file) implements TaskOutput {
        @Override
        public boolean blocks() {
            return true;
        }

        @Override
        public void write(ByteBuf chunk) throws IOException {
            file.write(chunk);
        }

        @Override
        public Delivered finish(long bytes) throws IOException {
            file.commit();
            return new Delivered.Saved(file.target(), bytes);
        }

        @Override
        public void discard() throws IOException {
            file.discard();
        }
    }

    record InMemory(PoemCollector poem) implements TaskOutput {
        @Override
        public boolean blocks() {
            return false;
        }

        @Override
        public void write(ByteBuf chunk) {
            poem.accept(chunk);
        }

        @Override
        public Delivered finish(long bytes) {
            return new Delivered.InMemory(poem.poem());
        }

        @Override
        public void discard() {
            // nothing to undo: the chunks go with this object, never copied
        }
    }
}
