package dev.poetry.cli;

import dev.poetry.client.OffLoopPoemSink;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A run's stderr, written by a thread of its own in the order the text was handed over, so that
 * whoever reports (an event loop among them) never waits for a reader of stderr that has paused
 * ({@code 2>&1 | less}). Chatter, the {@code -v} lines and the progress line, is refused while
 * more than {@link #MAX_WAITING_CHATTER} characters of it wait; every other line waits its turn,
 * and there is one or two of those per task.
 */
final class StderrQueue extends Writer {

    static final int MAX_WAITING_CHATTER = 1 << 20;

    private final PrintWriter target;
    private final ExecutorService writer = OffLoopPoemSink.newWriter("poetry-stderr");
    private final AtomicLong waitingChatter = new AtomicLong();
    /** Text written since the last flush; guarded by {@link #lock}. */
    private final StringBuilder pending = new StringBuilder();

    StderrQueue(PrintWriter target) {
        this.target = target;
    }

    @Override
    public void write(char[] text, int offset, int length) {
        synchronized (lock) {
            pending.append(text, offset, length);
        }
    }

    /** Hands what was written over to the writing thread, behind everything handed over before. */
    @Override
    public void flush() {
        synchronized (lock) {
            if (pending.length() > 0) {
                String text = pending.toString();
                pending.setLength(0);
                handOver(() -> writeOut(text));
            }
        }
    }

    /** Hands {@code text} over unless too much chatter waits already; says whether it did. */
    boolean chatter(String text) {
        synchronized (lock) {
            if (waitingChatter.get() + text.length() > MAX_WAITING_CHATTER) {
                return false;
            }
            flush();
            waitingChatter.addAndGet(text.length());
            return handOver(() -> {
                writeOut(text);
                waitingChatter.addAndGet(-text.length());
            });
        }
    }

    /** False once the run has ended: a chunk's line that comes later than the summary is dropped. */
    private boolean handOver(Runnable write) {
        try {
            writer.execute(write);
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    private void writeOut(String text) {
        target.print(text);
        target.flush();
    }

    /** Waits until everything handed over is written, then stops the writing thread. */
    @Override
    public void close() {
        flush();
        try {
            writer.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the stderr writer failed", e.getCause());
        } finally {
            writer.shutdown();
        }
    }
}
