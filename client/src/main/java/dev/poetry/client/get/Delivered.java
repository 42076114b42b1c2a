package dev.poetry.client.get;

import dev.poetry.client.Poem;
import java.nio.file.Path;

/** Where a finished poem is: held in memory, or already saved to its {@code --output} file. */
public sealed interface Delivered permits Delivered.InMemory, Delivered.Saved {

    record InMemory(Poem poem) implements Delivered {
    }

    /** @param bytes how many bytes the file holds */
    record Saved(Path file, long bytes) implements Delivered {
    }
}
