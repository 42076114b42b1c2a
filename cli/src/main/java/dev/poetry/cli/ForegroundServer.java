package dev.poetry.cli;

import dev.poetry.server.RunningServer;
import java.io.PrintWriter;
import java.time.Duration;

/** What every server command does once its server listens: announce it, run until stopped, stop gently. */
final class ForegroundServer {

    /** How long connections in flight may take to finish after a stop signal. */
    static final Duration GRACE = Duration.ofSeconds(3);

    private ForegroundServer() {
    }

    /** Prints {@code startLine} at once (scripts wait for it), then blocks until a stop signal. */
    static int run(RunningServer server, String startLine, PrintWriter out, StopSignal stop) throws InterruptedException {
        out.println(startLine);
        out.flush();
        server.closeFuture().addListener(closed -> stop.stop());
        stop.await();
        server.shutdownGracefully(GRACE);
        return 0;
    }
}
