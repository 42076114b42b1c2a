package dev.poetry.client.get;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A poem as a lazily read sequence of lines: each line is read from the connection only when
 * asked for, and only the current line is held. Lines are split on {@code \n} (kept out of the
 * line) after decoding; a last line without one is produced at the end of the stream. A read
 * failure surfaces as an {@link UncheckedIOException} from {@link #hasNext()}.
 */
final class PoemLines implements Iterator<String> {

    private final Reader text;
    private final StringBuilder line = new StringBuilder();
    private String next;
    private boolean ended;

    PoemLines(Reader text) {
        this.text = text;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            next = readLine();
        }
        return next != null;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String current = next;
        next = null;
        return current;
    }

    private String readLine() {
        try {
            for (int c; (c = text.read()) >= 0; ) {
                if (c == '\n') {
                    String complete = line.toString();
                    line.setLength(0);
                    return complete;
                }
                line.append((char) c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ended = true;
        if (line.length() > 0) {
            String last = line.toString();
            line.setLength(0);
            return last;
        }
        return null;
    }
}
