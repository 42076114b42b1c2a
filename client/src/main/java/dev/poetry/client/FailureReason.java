package dev.poetry.client;

import io.netty.channel.ChannelException;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Says in a few words why a download or transform failed, for one line of output. It walks the
 * cause chain, since the words that matter (too many open files, say) are often inside a wrapper
 * whose own message is Java's; it never answers with a class name.
 */
public final class FailureReason {

    private FailureReason() {
    }

    public static String of(Throwable error) {
        List<Throwable> chain = chain(unwrap(error));
        for (Throwable cause : chain) {
            String known = known(cause);
            if (known != null) {
                return known;
            }
        }
        if (chain.get(0) instanceof Error) {
            return "internal error"; // an Error's message is the JVM's ("Could not initialize class ..."), not a reason
        }
        for (Throwable cause : chain) {
            // A wrapper's message names classes ("Unable to create Channel from class ..."): look inside it.
            if (cause.getMessage() != null && !cause.getMessage().isBlank() && !(cause instanceof ChannelException && cause.getCause() != null)) {
                return plain(cause.getMessage());
            }
        }
        return chain.get(0) instanceof IOException ? "input/output error" : "unexpected failure";
    }

    /** Whether the failure means the process ran out of file descriptors. */
    public static boolean isTooManyOpenFiles(Throwable error) {
        return chain(unwrap(error)).stream().anyMatch(FailureReason::tooManyOpenFiles);
    }

    private static String known(Throwable cause) {
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        if (tooManyOpenFiles(cause)) {
            return "too many open files (" + FileDescriptors.limit().map(limit -> "limit " + limit + "; ").orElse("") + "see ulimit -n)";
        }
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
        if (cause instanceof SocketException && message.equals("Connection reset")) {
            return "Connection reset by peer"; // the JDK's words (NIO) for what the native transports name so
        }
        return null;
    }

    private static boolean tooManyOpenFiles(Throwable cause) {
        return cause.getMessage() != null && cause.getMessage().contains("Too many open files");
    }

    /** Native transports say "recvAddress(..) failed with error(-104): Connection reset by peer"; we say the end. */
    private static String plain(String message) {
        int native_ = message.lastIndexOf("): ");
        String reason = native_ >= 0 ? message.substring(native_ + 3) : message;
        int address = reason.indexOf(": /");
        return address >= 0 ? reason.substring(0, address) : reason;
    }

    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = error; cause != null && !chain.contains(cause) && chain.size() < 16; cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
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
