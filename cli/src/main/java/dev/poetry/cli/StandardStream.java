package dev.poetry.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The process's stdout or stderr, which remembers its first failed write: a {@code PrintWriter}
 * swallows the {@code IOException} and keeps only a flag, but we need its reason (a full disk, a
 * closed pipe) and need to act on it at once, from whichever thread wrote.
 */
final class StandardStream extends OutputStream {

    /** What Linux says when the reader of a pipe has gone; the JVM ignores SIGPIPE and reports EPIPE so. */
    private static final String BROKEN_PIPE = "Broken pipe";

    private final String name;
    private final OutputStream target;
    private volatile IOException failure;
    private volatile Consumer<StandardStream> onFailure = stream -> { };

    StandardStream(String name, OutputStream target) {
        this.name = name;
        this.target = target;
    }

    /** Who is told, on the writing thread, the first time a write fails. */
    void onFailure(Consumer<StandardStream> listener) {
        this.onFailure = listener;
    }

    @Override
    public void write(int b) throws IOException {
        checkOpen();
        try {
            target.write(b);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        checkOpen();
        try {
            target.write(bytes, offset, length);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void flush() throws IOException {
        checkOpen();
        try {
            target.flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Whether the first failure was a closed pipe: the quiet end a SIGPIPE would have made. */
    boolean brokenPipe() {
        IOException first = failure;
        return first != null && BROKEN_PIPE.equals(first.getMessage());
    }

    /** {@code cannot write to stdout: No space left on device}. */
    String describeFailure() {
        IOException first = failure;
        return "cannot write to " + name + ": " + (first == null ? "no failure" : first.getMessage());
    }

    /** The exit status a failed write makes: 141 (128 + SIGPIPE) for a closed pipe, 1 otherwise. */
    int exitStatus() {
        return brokenPipe() ? 141 : 1;
    }

    private void checkOpen() throws IOException {
        IOException first = failure;
        if (first != null) {
            throw new IOException(describeFailure(), first); // once broken, never written again
        }
    }

    private IOException failed(IOException e) {
        boolean first;
        synchronized (this) {
            first = failure == null;
            if (first) {
                failure = e;
            }
        }
        if (first) {
            onFailure.accept(this);
        }
        return e;
    }
}
