package dev.poetry.cli;

import dev.poetry.client.get.PartialFiles;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Ends a running {@code get} at once, on SIGINT or SIGTERM or when stdout or stderr cannot be
 * written: removes the temporary files of unfinished poems, clears the progress line, says so in
 * one line, and halts the process.
 *
 * <p>Halting is the cancellation: the kernel closes every connection of every style at once, the
 * event loop's and the blocking threads' alike, and no thread that is stuck (writing to a full
 * pipe, say) can delay the end. Temporary files are the one thing that would outlive the process,
 * so they alone are cleaned up first. We take the signals with {@code sun.misc.Signal}, as
 * {@link StopSignal} does for servers, rather than with a shutdown hook, so that a signal and a
 * failed write end through this one method, and the exit status is the one we choose.
 */
final class GetInterruption {

    /** How long the last line may take to write before the process halts without it. */
    private static final long LAST_WORDS_MILLIS = 2_000;

    private final PartialFiles partialFiles;
    private final ConsoleReporter reporter;
    private final int tasks;
    private final PrintWriter err;
    private final IntConsumer halt;
    private final AtomicBoolean ending = new AtomicBoolean();

    GetInterruption(PartialFiles partialFiles, ConsoleReporter reporter, int tasks, PrintWriter err, IntConsumer halt) {
        this.partialFiles = partialFiles;
        this.reporter = reporter;
        this.tasks = tasks;
        this.err = err;
        this.halt = halt;
    }

    /** SIGINT or SIGTERM: exit 128 + the signal's number, as the default action would. */
    void signalled(int exitStatus) {
        end(exitStatus, "Interrupted: " + plural(tasks - reporter.ended(), "download") + " cut off");
    }

    /** A write failed: a closed pipe ends quietly with 141, anything else says so and exits 1. */
    void outputFailed(StandardStream stream) {
        end(stream.exitStatus(), stream.brokenPipe() ? null : "poetry get: " + stream.describeFailure());
    }

    private void end(int exitStatus, String lastLine) {
        if (!ending.compareAndSet(false, true)) {
            return; // the first interruption is already ending the process
        }
        partialFiles.abandonAll();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(LAST_WORDS_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            halt.accept(exitStatus);
        }, "poetry-interruption-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        // Not through the reporter's lock: the thread holding it may be stuck writing.
        String clear = reporter.showsProgress() ? "\r\033[K" : "";
        if (lastLine != null || !clear.isEmpty()) {
            err.print(clear + (lastLine != null ? lastLine + System.lineSeparator() : ""));
            err.flush();
        }
        halt.accept(exitStatus);
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
