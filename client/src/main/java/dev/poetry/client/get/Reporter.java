package dev.poetry.client.get;

/**
 * What happens to every task, whichever style runs it; the command line decides how it looks.
 * How a poem itself is handed over depends on the style: whole ({@link PoemReporter}) or line by
 * line ({@link LineReporter}). May be called from an event loop and from several threads at once,
 * so implementations must be thread-safe. An exception thrown from here fails the task it was
 * about, never the run's other tasks.
 */
public interface Reporter {

    /** The task's connection is about to be opened. */
    default void started(Task task) {
    }

    /** A chunk of {@code bytes} arrived for {@code task}, {@code total} so far. */
    default void chunk(Task task, int bytes, long total) {
    }

    /** A download failed; the other tasks go on unless the run ends at its first failure. */
    void failed(TaskFailure failure);

    /** The run no longer needed this task ({@code --first}, {@code --fail-fast}): its connection was closed. */
    default void cancelled(Task task) {
    }

    /** A transform failed and the untransformed poem will be used. */
    default void transformFailed(Task task, String transform, String reason) {
    }

    /** A line of commentary from the style itself, for stderr. */
    default void note(String line) {
    }
}
