package dev.poetry.client.get;

/** When a run ends: DeferredList's three modes. */
public enum RunUntil {
    /** Every task has succeeded or failed (the default). */
    EVERY_TASK_ENDS,
    /** The first poem has arrived whole (and transformed, if asked); the rest are cancelled. */
    FIRST_POEM,
    /** Every task has succeeded, or one has failed and the rest are cancelled. */
    FIRST_FAILURE
}
