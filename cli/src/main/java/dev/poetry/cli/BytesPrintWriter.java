package dev.poetry.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The process's stdout: text in UTF-8, as for any {@code PrintWriter}, and a poem's bytes as they
 * arrived, so that a poem that is not UTF-8 is not changed on its way out. Like a
 * {@code PrintWriter}, a failed write sets the error flag; the stream itself remembers why.
 */
final class BytesPrintWriter extends PrintWriter {

    private final OutputStream bytes;

    BytesPrintWriter(OutputStream target) {
        super(target, true, StandardCharsets.UTF_8);
        this.bytes = target;
    }

    /** Writes {@code content} unchanged, after any text written before it. */
    void writeBytes(byte[] content) {
        synchronized (lock) {
            flush();
            try {
                bytes.write(content);
                bytes.flush();
            } catch (IOException e) {
                setError();
            }
        }
    }
}
