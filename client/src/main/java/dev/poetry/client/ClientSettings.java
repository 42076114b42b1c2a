package dev.poetry.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * @param connectTimeout how long a name lookup and connection together may take
 * @param idleTimeout how long a server may send nothing before the download fails
 * @param maxBytes the longest poem accepted; {@link #UNLIMITED} for none
 * @param maxTime how long a whole download may take, from its first connection attempt, if bounded
 */
public record ClientSettings(Duration connectTimeout, Duration idleTimeout, long maxBytes, Optional<Duration> maxTime) {

    /** 64 MiB: far beyond any poem, well within a default heap. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    public static final long UNLIMITED = Long.MAX_VALUE;

    public static final ClientSettings DEFAULT = new ClientSettings(Duration.ofSeconds(10), Duration.ofSeconds(30));

    public ClientSettings {
        Objects.requireNonNull(maxTime, "maxTime");
        if (!positive(connectTimeout) || !positive(idleTimeout) || !maxTime.map(ClientSettings::positive).orElse(true)) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
    }

    /** The default size limit and no total deadline. */
    public ClientSettings(Duration connectTimeout, Duration idleTimeout) {
        this(connectTimeout, idleTimeout, DEFAULT_MAX_BYTES, Optional.empty());
    }

    public ClientSettings withMaxBytes(long limit) {
        return new ClientSettings(connectTimeout, idleTimeout, limit, maxTime);
    }

    public ClientSettings withMaxTime(Duration limit) {
        return new ClientSettings(connectTimeout, idleTimeout, maxBytes, Optional.of(limit));
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
