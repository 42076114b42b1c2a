package dev.poetry.client;

import java.io.IOException;
import java.time.Duration;

/** A host name's lookup took longer than the connect timeout, which bounds lookup and connection together. */
public final class NameLookupTimeoutException extends IOException {

    public NameLookupTimeoutException(String host, Duration limit) {
        super("name lookup of " + host + " took over " + FailureReason.seconds(limit));
    }
}
