package dev.poetry.client;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Says in a few words why a download or transform failed, for one line of output. */
public final class FailureReason {

    private FailureReason() {
    }

    public static String of(Throwable error) {
        Throwable cause = unwrap(error);
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        if (cause instanceof UnknownHostException) {
            int colon = message.indexOf(':');
            return "unknown host " + (colon > 0 ? message.substring(0, colon) : message);
        }
        if (cause instanceof ConnectTimeoutException) {
            return "connection timed out";
        }
        if (cause instanceof ConnectException && message.contains("Connection refused")) {
            return "Connection refused";
        }
        if (cause instanceof CancellationException) {
            return "cancelled";
        }
        if (message.isEmpty()) {
            return cause.getClass().getSimpleName();
        }
        // Native transports say "recvAddress(..) failed with error(-104): Connection reset by peer".
        int native_ = message.lastIndexOf("): ");
        String reason = native_ >= 0 ? message.substring(native_ + 3) : message;
        int address = reason.indexOf(": /");
        return address >= 0 ? reason.substring(0, address) : reason;
    }

    /** The failure inside a future's wrapping. */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String seconds(Duration duration) {
        double seconds = duration.toNanos() / 1e9;
        return (seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds)) + " s";
    }
}
