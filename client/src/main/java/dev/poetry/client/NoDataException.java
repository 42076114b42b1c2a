package dev.poetry.client;

import java.io.IOException;
import java.time.Duration;

/** The server went quiet for longer than the idle timeout. */
public final class NoDataException extends IOException {

    public NoDataException(Duration quiet) {
        super("no data for " + FailureReason.seconds(quiet));
    }
}
