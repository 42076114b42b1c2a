package dev.poetry.cli;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Options given in (possibly fractional) seconds, as the tutorial's command lines give them. */
final class Seconds {

    private Seconds() {
    }

    /** {@code seconds} as a Duration, or a usage error naming {@code option}. */
    static Duration toDuration(CommandLine command, String option, double seconds, boolean zeroAllowed) {
        boolean inRange = !Double.isNaN(seconds) && seconds >= 0 && seconds <= Duration.ofDays(365).toSeconds();
        Duration duration = inRange ? Duration.ofNanos(Math.round(seconds * 1e9)) : null;
        // Judged after rounding: a positive number below half a nanosecond is 0 to every timer.
        if (duration == null || (!zeroAllowed && duration.isZero())) {
            String expected = zeroAllowed ? "a number of seconds, 0 or more" : "a number of seconds above 0";
            throw new ParameterException(command, option + " must be " + expected + ", not " + seconds);
        }
        return duration;
    }
}
