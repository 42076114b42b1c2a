package dev.poetry.client.get;

/**
 * A style built from futures (on the event loop, or awaited by the inline style's threads), and so
 * able to add steps to a download (a transform) and to end the run early, cancelling what is left.
 */
public sealed interface ComposingStyle extends PoemStyle permits ListStyle, CallbackStyle, InlineStyle {

    /** Runs every task of {@code request} as {@code plan} says and returns once the run has ended. */
    Tally run(GetRequest request, Plan plan, PoemReporter reporter) throws InterruptedException;

    @Override
    default Tally run(GetRequest request, PoemReporter reporter) throws InterruptedException {
        return run(request, Plan.PLAIN, reporter);
    }
}
