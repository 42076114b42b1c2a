package dev.poetry.server;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The bounds every server puts on its clients, in one place, so that a valid but hostile client
 * (one that never reads, or opens connections without end) cannot exhaust a server.
 *
 * @param maxConnections connections open at once; one more is accepted and reset at once
 * @param writeTimeout how long a client may take no bytes before it is reset
 * @param drain how long connections in flight may finish after a stop signal before they are reset
 */
public record ServerLimits(int maxConnections, Duration writeTimeout, Duration drain) {

    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(3);

    public static final ServerLimits DEFAULT =
            new ServerLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_WRITE_TIMEOUT, DEFAULT_DRAIN);

    public ServerLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
        }
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("writeTimeout must be positive: " + writeTimeout);
        }
        if (drain.isNegative()) {
            throw new IllegalArgumentException("drain must not be negative: " + drain);
        }
    }

    /** A duration as log lines and messages show it: {@code 30 s}, {@code 0.5 s}. */
    public static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }
}
