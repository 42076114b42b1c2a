package dev.poetry.cli;

import dev.poetry.net.EventLoops;
import dev.poetry.net.Transport;
import dev.poetry.server.RunningServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Function;

/** What every server command does: start on fresh event loops, announce, run until stopped, stop gently. */
final class ForegroundServer {

    /** How much longer than the drain time a stop may take, whatever a loop is doing. */
    static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(1);

    private ForegroundServer() {
    }

    /**
     * Starts a server with {@code start} on {@code threads} event loops (0 for Netty's default) of
     * {@code transport},
     * prints {@code announcement(server)} at once (scripts wait for that line), then blocks until a
     * stop signal or until the server closes. A stop ends within the drain time plus
     * {@link #SHUTDOWN_MARGIN}: connections left after the drain are reset.
     */
    static int run(int threads, Transport transport, Function<EventLoops, RunningServer> start, Function<RunningServer, String> announcement,
                   PrintWriter out, StopSignal stop) throws InterruptedException {
        try (EventLoops loops = EventLoops.create(threads, transport)) {
            RunningServer server = start.apply(loops);
            stop.takeOverTerminationSignals();
            out.println(announcement.apply(server));
            out.flush();
            server.closeFuture().addListener(closed -> stop.stop());
            stop.await();
            stop.haltIfStillRunningAfter(server.limits().drain().plus(ForegroundServer.SHUTDOWN_MARGIN));
            server.shutdownGracefully(server.limits().drain());
            return 0;
        }
    }
}
