package dev.poetry.client;

import java.io.IOException;
import java.time.Duration;

/** Reading was paused for a sink that stopped storing (a stuck disk): the silence was ours, not the server's. */
public final class SinkStalledException extends IOException {

    public SinkStalledException(Duration stalled) {
        super("could not write the poem as fast as it came: nothing read for " + FailureReason.seconds(stalled)
                + " while waiting to write");
    }
}
