package dev.poetry.client.get;

import dev.poetry.client.Poem;
import java.time.Duration;

/**
 * A finished download.
 *
 * @param poem the poem, or null when it was streamed straight to a file
 * @param bytes how many bytes arrived
 * @param elapsed from the start of the download to the end of the last step (transform included)
 */
public record TaskResult(Task task, Poem poem, long bytes, Duration elapsed) {

    TaskResult withPoem(Poem transformed, Duration elapsed) {
        return new TaskResult(task, transformed, bytes, elapsed);
    }
}
