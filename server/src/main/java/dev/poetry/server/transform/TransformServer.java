package dev.poetry.server.transform;

import dev.poetry.server.Verbosity;
import dev.poetry.protocol.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.TcpServer;
import java.time.Duration;

/** Starts the transform server. */
public final class TransformServer {

    /** The default largest request, in payload bytes. */
    public static final int DEFAULT_MAX_LENGTH = 1 << 20;

    private TransformServer() {
    }

    public static RunningServer start(EventLoops loops, String iface, int port, ServerLimits limits, Settings settings) {
        return TcpServer.start(loops, iface, port, limits, new TransformServerInitializer(settings));
    }

    /**
     * @param maxLength the largest payload accepted; a longer request is refused from its length digits
     * @param idleTimeout how long a client may stay silent before it has sent its whole request
     */
    public record Settings(Transforms transforms, int maxLength, Duration idleTimeout, Verbosity verbosity) {
        public Settings {
            if (maxLength < 0) {
                throw new IllegalArgumentException("maxLength must not be negative: " + maxLength);
            }
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
            }
        }
    }
}
