package dev.poetry.client.get;

import dev.poetry.client.Poem;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A finished download.
 *
 * @param delivered the poem, or the file it was streamed into
 * @param bytes how many bytes arrived
 * @param started when the download began, by the wall clock
 * @param elapsed from the start of the download to the end of the last step (transform included)
 * @param transform how the transform went, when one was asked for
 */
public record TaskResult(Task task, Delivered delivered, long bytes, Instant started, Duration elapsed,
                         Optional<TransformOutcome> transform) {

    /** A download, with no transform, that ends now after {@code elapsed}. */
    public TaskResult(Task task, Delivered delivered, long bytes, Duration elapsed) {
        this(task, delivered, bytes, Instant.now().minus(elapsed), elapsed, Optional.empty());
    }

    TaskResult withPoem(Poem transformed, Duration elapsed) {
        return new TaskResult(task, new Delivered.InMemory(transformed), bytes, started, elapsed, transform);
    }

    TaskResult withTransform(TransformOutcome outcome) {
        return new TaskResult(task, delivered, bytes, started, elapsed, Optional.of(outcome));
    }
}
