package dev.poetry.client;

import java.time.Duration;

/**
 * @param connectTimeout how long a connection may take to open
 * @param idleTimeout how long a server may send nothing before the download fails
 */
public record ClientSettings(Duration connectTimeout, Duration idleTimeout) {

    public static final ClientSettings DEFAULT = new ClientSettings(Duration.ofSeconds(10), Duration.ofSeconds(30));

    public ClientSettings {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }
}
