package dev.poetry.client.get;

import dev.poetry.client.FilePoemSink;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Path;

/** One poem on its way into its {@code --output} file: written under a temporary name, moved when whole. */
public final class PartialFile {

    private final PartialFiles owner;
    private final Path temp;
    private final Path target;
    private final FilePoemSink sink;

    PartialFile(PartialFiles owner, Path temp, Path target) throws IOException {
        this.owner = owner;
        this.temp = temp;
        this.target = target;
        this.sink = new FilePoemSink(temp);
    }

    /** Takes a chunk; the chunk is only read, not kept or released. */
    public void write(ByteBuf chunk) throws IOException {
        sink.accept(chunk);
    }

    /** The poem is whole: it takes its final name. */
    public void commit() throws IOException {
        try {
            sink.close();
        } catch (IOException e) {
            owner.discard(temp);
            throw e;
        }
        owner.commit(temp, target);
    }

    /** The poem will never be whole: its temporary file goes, and its final name is not touched. */
    public void discard() throws IOException {
        try {
            sink.close();
        } finally {
            owner.discard(temp);
        }
    }

    public Path target() {
        return target;
    }
}
