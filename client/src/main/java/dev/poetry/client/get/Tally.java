package dev.poetry.client.get;

/**
 * How a run's tasks ended.
 *
 * @param poems tasks whose poem was reported
 * @param failed tasks that failed
 * @param cancelled tasks the run stopped because it no longer needed them
 */
public record Tally(int poems, int failed, int cancelled) {
}
