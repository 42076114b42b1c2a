package dev.poetry.client.get;

import dev.poetry.client.FailureReason;
import java.time.Duration;
import java.time.Instant;

/** A download that failed: which task, after how long, and why. */
public final class TaskFailure extends Exception {

    private final transient Task task;
    private final Duration elapsed;
    private final Instant started;

    /** A task that fails now, after {@code elapsed}. */
    public TaskFailure(Task task, Duration elapsed, Throwable cause) {
        super(FailureReason.of(cause), FailureReason.unwrap(cause));
        this.task = task;
        this.elapsed = elapsed;
        this.started = Instant.now().minus(elapsed);
    }

    public Task task() {
        return task;
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** When the task began, by the wall clock. */
    public Instant started() {
        return started;
    }

    /** The one-line reason, e.g. {@code Connection refused}. */
    public String reason() {
        return getMessage();
    }

    /**
     * Throws the {@link Error} behind {@code failure}, if there is one: an OutOfMemoryError or a
     * failed class initialisation ends the whole run, it is never one task's failure.
     */
    static void rethrowError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Error error) {
                throw error;
            }
        }
    }

    /** The TaskFailure inside a future's failure. */
    public static TaskFailure from(Throwable error) {
        Throwable cause = FailureReason.unwrap(error);
        if (cause instanceof TaskFailure failure) {
            return failure;
        }
        throw new IllegalStateException("not a task failure", error);
    }
}
