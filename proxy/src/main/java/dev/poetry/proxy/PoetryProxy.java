package dev.poetry.proxy;

import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.TcpServer;
import dev.poetry.server.Verbosity;

/** Starts the proxy: every client gets the upstream poem, through {@link PoemCache}. */
public final class PoetryProxy {

    private PoetryProxy() {
    }

    public static RunningServer start(EventLoops loops, String iface, int port, PoemCache cache, ServerLimits limits, Verbosity verbosity) {
        RunningServer server = TcpServer.start(loops, iface, port, limits, new PoetryProxyInitializer(cache, verbosity));
        // Repeated upstream failures are summarised with the server's own, even when they stop.
        server.summariseAlso(cache.failures());
        return server;
    }
}
