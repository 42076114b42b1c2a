package dev.poetry.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.concurrent.CompletableFuture;

/** One in-process run of the poetry command with its stdout and stderr captured. */
final class CapturedRun {

    final LineWriter out = new LineWriter();
    final LineWriter err = new LineWriter();
    final StopSignal stop = new StopSignal();

    int execute(String... args) {
        return Poetry.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), stop).execute(args);
    }

    /** Runs on another thread, for commands that serve until stopped. */
    CompletableFuture<Integer> start(String... args) {
        return CompletableFuture.supplyAsync(() -> execute(args));
    }

    /** A writer that remembers everything and completes a future on its first full line. */
    static final class LineWriter extends Writer {
        private final StringWriter text = new StringWriter();
        final CompletableFuture<String> firstLine = new CompletableFuture<>();

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            text.write(chars, offset, length);
            String sofar = text.toString();
            int newline = sofar.indexOf('\n');
            if (newline >= 0) {
                firstLine.complete(sofar.substring(0, newline));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public synchronized String toString() {
            return text.toString();
        }
    }
}
