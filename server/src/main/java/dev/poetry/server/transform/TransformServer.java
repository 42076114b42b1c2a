package dev.poetry.server.transform;

import dev.poetry.net.EventLoops;
import dev.poetry.net.netstring.NetstringDecoder;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.TcpServer;
import dev.poetry.server.Verbosity;
import java.time.Duration;

/** Starts the transform server: its pipeline on the event loops, its transforms on a bounded pool of workers. */
public final class TransformServer {

    /** The default largest request, in payload bytes. */
    public static final int DEFAULT_MAX_LENGTH = 1 << 20;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Requests that may wait for a worker; one more is refused. */
    public static final int DEFAULT_QUEUE_LENGTH = 1024;

    private TransformServer() {
    }

    /**
     * Listens, and answers on {@code loops}; transforms run on a pool of {@code settings.workers()}
     * daemon threads, shut down at once (work in hand abandoned) when {@code loops} end.
     */
    public static RunningServer start(EventLoops loops, String iface, int port, ServerLimits limits, Settings settings) {
        TransformWorkers workers = new TransformWorkers(settings.workers(), settings.queueLength());
        loops.group().terminationFuture().addListener(ended -> workers.shutdownNow());
        try {
            return TcpServer.start(loops, iface, port, limits, new TransformServerInitializer(settings, workers));
        } catch (RuntimeException e) {
            workers.shutdownNow();
            throw e;
        }
    }

    /**
     * @param maxLength the largest payload accepted; a longer request is refused from its length digits
     * @param idleTimeout how long a client may stay silent before it has sent its whole request
     * @param requestTimeout how long a client may take to send its whole request, however it drips
     * @param workers threads that run transforms, off the event loops
     * @param queueLength requests that may wait for a worker; beyond that a request is refused
     */
    public record Settings(Transforms transforms, int maxLength, Duration idleTimeout, Duration requestTimeout,
                           int workers, int queueLength, Verbosity verbosity) {
        public Settings {
            NetstringDecoder.checkMaxLength(maxLength);
            requirePositive("idleTimeout", idleTimeout);
            requirePositive("requestTimeout", requestTimeout);
            if (workers < 1 || queueLength < 1) {
                throw new IllegalArgumentException("workers and queueLength must be at least 1, not " + workers + " and " + queueLength);
            }
        }

        /** The default request timeout, a worker per core and the default queue. */
        public Settings(Transforms transforms, int maxLength, Duration idleTimeout, Verbosity verbosity) {
            this(transforms, maxLength, idleTimeout, DEFAULT_REQUEST_TIMEOUT, Runtime.getRuntime().availableProcessors(),
                    DEFAULT_QUEUE_LENGTH, verbosity);
        }

        private static void requirePositive(String name, Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + duration);
            }
        }
    }
}
