package dev.poetry.client.get;

import java.util.Optional;

/**
 * What a {@link ComposingStyle} does beyond downloading.
 *
 * @param transformation where each poem is sent to be transformed, if anywhere
 * @param until when the run ends
 */
public record Plan(Optional<Transformation> transformation, RunUntil until) {

    /** Download every poem, transform none, wait for all. */
    public static final Plan PLAIN = new Plan(Optional.empty(), RunUntil.EVERY_TASK_ENDS);
}
