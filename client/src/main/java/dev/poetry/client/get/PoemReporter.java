package dev.poetry.client.get;

/** Told of each poem once it is whole: what every style but the lazy one needs. */
public interface PoemReporter extends Reporter {

    /** A poem is ready to be shown. */
    void poem(TaskResult result);
}
