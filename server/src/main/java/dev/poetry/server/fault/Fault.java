package dev.poetry.server.fault;

import java.time.Duration;

/** One way the fault server misbehaves, as {@code poetry serve --fault KIND} names it. */
public sealed interface Fault permits Fault.Truncate, Fault.Drip, Fault.Endless {

    /**
     * Sends the first {@code bytes} of the poem (all of it, if it is shorter), then ends as
     * {@code ending} says instead of closing.
     */
    record Truncate(long bytes, Ending ending) implements Fault {
        public Truncate {
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes must not be negative: " + bytes);
            }
        }
    }

    /** How a truncated poem ends. */
    enum Ending {
        /** {@code reset-after}: a reset, which an honest client reports as a failure. */
        RESET,
        /** {@code close-after}: a clean close, which no client can tell from the poem's end. */
        CLOSE,
        /** {@code stall-after}: nothing more, and no close; the client must give up on its own. */
        STALL
    }

    /** {@code drip}: one byte every {@code interval}. */
    record Drip(Duration interval) implements Fault {
        public Drip {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be positive: " + interval);
            }
        }
    }

    /** {@code endless}: the poem again and again, as fast as the client takes it, never a close. */
    record Endless() implements Fault {
    }
}
