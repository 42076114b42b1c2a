package dev.poetry.client.get;

/** Told of each line of a poem as soon as it is complete: what the lazy style needs. */
public interface LineReporter extends Reporter {

    /** One complete line of {@code task}'s poem, without its newline. */
    void line(Task task, String line);

    /** {@code task}'s poem has ended whole: every line of it has been reported. */
    default void ended(Task task) {
    }
}
