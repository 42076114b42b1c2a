package dev.poetry.cli;

import dev.poetry.client.FailureReason;
import dev.poetry.client.get.PoemReporter;
import dev.poetry.client.get.Task;
import dev.poetry.client.get.TaskFailure;
import dev.poetry.client.get.TaskResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * How {@code poetry get} talks: poems through a {@link PoemOutput}, failures and commentary on
 * stderr, per-chunk lines with {@code -v}, and otherwise, when stderr is a terminal, one live
 * progress line that is cleared before anything else is written and at the end.
 *
 * <p>Called from the event loop and from the main thread, hence synchronized; but the per-chunk
 * path, which the event loop calls, takes only the brief {@link #screen} lock and hands its text
 * to {@link #chatter} (a {@link StderrQueue} in a real run), so that neither a reader of stderr
 * that pauses nor a thread writing a poem to a stdout nobody reads can hold the loop up. Lines of
 * the lazy style go through {@link ConsoleLineReporter}.
 */
class ConsoleReporter implements PoemReporter {

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 79;

    private final PoemOutput output;
    private final PrintWriter err;
    /** Takes a -v line or a progress redraw; false when it had to drop it. */
    private final Predicate<String> chatter;
    /** Guards what the progress line shows and whether it is on the screen; no writing waits under it. */
    private final Object screen = new Object();
    private final boolean verbose;
    private final boolean progress;
    private final long start = System.nanoTime();
    private final Map<Integer, Long> received = new TreeMap<>();
    /** When each task (by number) started, for the line of a task that is cancelled later. */
    private final Map<Integer, Instant> startedAt = new HashMap<>();
    private final AtomicInteger ended = new AtomicInteger();
    private long lastDrawn;
    private boolean descriptorsExplained;
    private volatile boolean progressShown;
    private final AtomicInteger droppedLines = new AtomicInteger();

    /** Writes chatter straight to {@code err}: for tests, whose writers never block. */
    ConsoleReporter(PoemOutput output, PrintWriter err, boolean verbose, boolean progress) {
        this(output, err, text -> {
            err.print(text);
            err.flush();
            return true;
        }, verbose, progress);
    }

    ConsoleReporter(PoemOutput output, PrintWriter err, Predicate<String> chatter, boolean verbose, boolean progress) {
        this.output = output;
        this.err = err;
        this.chatter = chatter;
        this.verbose = verbose;
        this.progress = progress && !verbose;
    }

    @Override
    public synchronized void started(Task task) {
        startedAt.put(task.number(), Instant.now());
    }

    /** A task the run no longer needed still gets its JSON line, so a script sees every task it asked for. */
    @Override
    public synchronized void cancelled(Task task) {
        Instant now = Instant.now();
        Instant started = startedAt.getOrDefault(task.number(), now); // never started: it began and ended at the cancel
        output.cancelled(task, started, Duration.between(started, now));
        ended.incrementAndGet();
    }

    /**
     * Called on the event loop for every chunk: never takes this object's lock, which a thread may
     * hold while it writes a poem to a stdout nobody reads, and never writes itself.
     */
    @Override
    public void chunk(Task task, int bytes, long total) {
        if (verbose) {
            String line = "Task " + task.number() + ": got " + bytes + " bytes of poetry from " + task.address() + System.lineSeparator();
            if (!chatter.test(line)) {
                droppedLines.incrementAndGet();
            }
        } else if (progress) {
            synchronized (screen) {
                received.put(task.number(), total);
                long now = System.nanoTime();
                if (now - lastDrawn >= REDRAW_NANOS) {
                    lastDrawn = now;
                    drawProgress();
                }
            }
        }
    }

    @Override
    public synchronized void poem(TaskResult result) {
        clearProgress();
        output.poem(result);
        ended.incrementAndGet(); // only once shown: a poem that could not be is reported again as a failure
    }

    @Override
    public synchronized void failed(TaskFailure failure) {
        clearProgress();
        ended.incrementAndGet();
        err.println("Task " + failure.task().number() + ": failed to get poetry from " + failure.task().address() + ": "
                + shortened(failure));
        output.failure(failure);
    }

    /** Running out of descriptors is explained (limit, ulimit -n) once; later tasks just name it. */
    private String shortened(TaskFailure failure) {
        if (!FailureReason.isTooManyOpenFiles(failure.getCause())) {
            return failure.reason();
        }
        if (descriptorsExplained) {
            return "too many open files";
        }
        descriptorsExplained = true;
        return failure.reason();
    }

    @Override
    public synchronized void transformFailed(Task task, String transform, String reason) {
        clearProgress();
        err.println("Task " + task.number() + ": transform " + transform + " failed: " + reason);
    }

    @Override
    public synchronized void note(String line) {
        clearProgress();
        err.println(line);
    }

    /** The last line: {@code Got N poems in S seconds}, with the failures if any. */
    synchronized void summary(int poems, int failures) {
        clearProgress();
        int dropped = droppedLines.get();
        if (dropped > 0) {
            err.println("(" + dropped + " of the -v lines were dropped: stderr was not read fast enough)");
        }
        String line = "Got " + poems + " poem" + (poems == 1 ? "" : "s") + " in " + seconds() + " seconds";
        err.println(failures == 0 ? line : line + " (" + failures + " failed)");
        err.flush();
    }

    /** How many tasks have ended: their poem shown, their failure reported, or cancelled. */
    int ended() {
        return ended.get();
    }

    /** For the lazy style, whose poems end line by line rather than in {@link #poem}. */
    void countEnded() {
        ended.incrementAndGet();
    }

    /** Whether the progress line is on the screen now; read without the lock by an interruption. */
    boolean showsProgress() {
        return progressShown;
    }

    /** Callers hold {@link #screen}. A redraw that is dropped leaves the screen as it was. */
    private void drawProgress() {
        StringBuilder line = new StringBuilder(seconds()).append('s');
        received.forEach((task, bytes) -> line.append("  ").append(task).append(": ").append(bytes).append(" B"));
        String shown = line.length() > WIDTH ? line.substring(0, WIDTH - 3) + "..." : line.toString();
        if (chatter.test("\r\033[K" + shown)) {
            progressShown = true;
        }
    }

    /** Before any other line: the progress line goes, in the same order as the lines around it. */
    void clearProgress() {
        synchronized (screen) {
            if (progressShown) {
                err.print("\r\033[K");
                err.flush();
                progressShown = false;
            }
        }
    }

    /**
     * Seconds since the start to one decimal, as {@code 12.3}: by hand, since a Formatter's
     * locale set-up was a twentieth of a one-poem run's start-up.
     */
    private String seconds() {
        long tenths = Math.round((System.nanoTime() - start) / 1e8);
        return tenths / 10 + "." + tenths % 10;
    }
}
