package dev.poetry.cli;

import dev.poetry.protocol.EventLoops;
import dev.poetry.protocol.Transport;
import dev.poetry.server.RunningServer;
import java.io.PrintWriter;
import java.util.function.Function;

/** What every server command does: start on fresh event loops, announce, run until stopped, stop gently. */
final class ForegroundServer {

    private ForegroundServer() {
    }

    /**
     * Starts a server with {@code start} on {@code threads} event loops (0 for Netty's default) of
     * {@code transport},
     * prints {@code announcement(server)} at once (scripts wait for that line), then blocks until a
     * stop signal or until the server closes.
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
            server.shutdownGracefully(server.limits().drain());
            return 0;
        }
    }
}
