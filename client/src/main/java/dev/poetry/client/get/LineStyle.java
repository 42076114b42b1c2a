package dev.poetry.client.get;

/** A style that hands over each line of a poem as soon as it is complete, never the poem whole. */
public sealed interface LineStyle extends GetStyle permits LazyStyle {

    /** Runs every task of {@code request} and returns once all have ended. */
    Tally run(GetRequest request, LineReporter reporter) throws InterruptedException;
}
