package dev.poetry.client;

import java.io.IOException;
import java.time.Duration;

/** A download took longer than its whole-download deadline, however steadily the bytes came. */
public final class MaxTimeException extends IOException {

    public MaxTimeException(Duration limit) {
        super("no whole poem within " + FailureReason.seconds(limit) + " (--max-time)");
    }
}
