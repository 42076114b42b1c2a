package dev.poetry.client.get;

/** A style that hands over each poem whole. */
public sealed interface PoemStyle extends GetStyle permits ComposingStyle, BlockingStyle, ProcessStyle {

    /** Runs every task of {@code request} and returns once all have ended. */
    Tally run(GetRequest request, PoemReporter reporter) throws InterruptedException;
}
