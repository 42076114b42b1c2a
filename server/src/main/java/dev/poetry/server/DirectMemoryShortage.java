package dev.poetry.server;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Running out of direct memory, said in one short line with how much is in use, from the error's
 * long message: Netty's ("failed to allocate N byte(s) of direct memory (used: U, max: M)") or the
 * JDK's ("Cannot reserve N bytes of direct buffer memory (allocated: U, limit: M)").
 */
public final class DirectMemoryShortage {

    private static final Pattern IN_USE = Pattern.compile("\\((?:used|allocated): (\\d+), (?:max|limit): (\\d+)\\)");

    private DirectMemoryShortage() {
    }

    /** {@code out of direct memory (63 MiB of 64 MiB in use)} when {@code error} is that shortage. */
    public static Optional<String> describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage();
            if (cause instanceof OutOfMemoryError && message != null && message.toLowerCase(Locale.ROOT).contains("direct")) {
                Matcher numbers = IN_USE.matcher(message);
                return Optional.of("out of direct memory" + (numbers.find()
                        ? " (" + mebibytes(numbers.group(1)) + " of " + mebibytes(numbers.group(2)) + " in use)" : ""));
            }
        }
        return Optional.empty();
    }

    private static String mebibytes(String bytes) {
        return Math.round(Long.parseLong(bytes) / (double) (1 << 20)) + " MiB";
    }
}
