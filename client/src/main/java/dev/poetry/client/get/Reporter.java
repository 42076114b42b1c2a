package dev.poetry.client.get;

/**
 * Where the styles send what happens; the command line decides how it looks (text, JSON, files,
 * progress). May be called from an event loop, so implementations must be thread-safe.
 */
public interface Reporter {

    /** A chunk of {@code bytes} arrived for {@code task}, {@code total} so far. */
    default void chunk(Task task, int bytes, long total) {
    }

    /** A poem is ready to be shown. */
    void poem(TaskResult result);

    /** One complete line of a poem, for the styles that print poems line by line as they arrive. */
    default void line(Task task, String line) {
        throw new UnsupportedOperationException("this reporter does not print lines");
    }

    /** A download failed; the other tasks go on. */
    void failed(TaskFailure failure);

    /** A transform failed and the untransformed poem will be used. */
    default void transformFailed(Task task, String transform, String reason) {
    }

    /** A line of commentary from the style itself, for stderr. */
    default void note(String line) {
    }
}
