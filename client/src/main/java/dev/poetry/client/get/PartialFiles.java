package dev.poetry.client.get;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The temporary files of {@code --output} poems not yet whole. A poem is written into a new file
 * beside its final name and moved there only when whole, so the final name never holds half a
 * poem; an interruption removes every temporary file at once with {@link #abandonAll()}.
 *
 * <p>Tasks on several threads create, commit and discard at once, and an interruption may come at
 * any moment from a signal's thread, hence one lock around every change of a file's state.
 */
public final class PartialFiles {

    private static final int ATTEMPTS = 100;

    private final Set<Path> partial = new HashSet<>();
    private boolean abandoned;

    /** A new, empty temporary file for {@code target}, in its directory, created exclusively. */
    public PartialFile create(Path target) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // Hidden, and named after its poem, so a stray one (after kill -9) tells what it was.
            Path temp = target.resolveSibling("." + target.getFileName() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + ".part");
            synchronized (this) {
                if (abandoned) {
                    throw new IOException("interrupted");
                }
                try {
                    PartialFile file = new PartialFile(this, temp, target);
                    partial.add(temp);
                    return file;
                } catch (FileAlreadyExistsException taken) {
                    // someone else's file, or a link: never ours to touch; try another name
                }
            }
        }
        throw new IOException("cannot create a temporary file beside " + target);
    }

    /** Moves a whole poem to its final name; a link there is replaced, never followed. */
    synchronized void commit(Path temp, Path target) throws IOException {
        if (abandoned || !partial.remove(temp)) {
            throw new IOException("interrupted");
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Removes the temporary file of a task that failed; its final name is left as it was. */
    synchronized void discard(Path temp) throws IOException {
        if (partial.remove(temp)) {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Removes every temporary file, and makes every later create or commit fail: what an
     * interruption calls before the process ends.
     *
     * @return how many poems were cut off
     */
    public synchronized int abandonAll() {
        abandoned = true;
        List<Path> cutOff = new ArrayList<>(partial);
        partial.clear();
        for (Path temp : cutOff) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // the process is ending; a file we cannot delete is one we cannot help
            }
        }
        return cutOff.size();
    }
}
