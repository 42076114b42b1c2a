package dev.poetry.client.get;

import java.util.Optional;

/**
 * How a poem's transform went: the poem a user gets after a failed transform is the original, and
 * this says so where stderr is not read (the JSON lines).
 *
 * @param name the transform asked for
 * @param error why it failed, e.g. {@code Connection refused}; empty when it succeeded
 */
public record TransformOutcome(String name, Optional<String> error) {

    public boolean ok() {
        return error.isEmpty();
    }
}
