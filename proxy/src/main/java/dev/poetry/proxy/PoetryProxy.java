package dev.poetry.proxy;

import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.TcpServer;
import dev.poetry.server.Verbosity;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Starts the proxy: every client gets the upstream poem, through {@link PoemCache}. */
public final class PoetryProxy {

    private static final long FAILURE_SUMMARY_SECONDS = 10;

    private PoetryProxy() {
    }

    public static RunningServer start(EventLoops loops, String iface, int port, PoemCache cache, ServerLimits limits, Verbosity verbosity) {
        RunningServer server = TcpServer.start(loops, iface, port, limits, new PoetryProxyInitializer(cache, verbosity));
        // A summary of repeated upstream failures appears even when the failures stop.
        ScheduledFuture<?> summaries = loops.group().next().scheduleAtFixedRate(
                cache::flushFailureLog, FAILURE_SUMMARY_SECONDS, FAILURE_SUMMARY_SECONDS, TimeUnit.SECONDS);
        server.closeFuture().addListener(closed -> summaries.cancel(false));
        return server;
    }
}
