package dev.poetry.proxy;

import dev.poetry.server.Verbosity;
import dev.poetry.protocol.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.TcpServer;

/** Starts the proxy: every client gets the upstream poem, through {@link PoemCache}. */
public final class PoetryProxy {

    private PoetryProxy() {
    }

    public static RunningServer start(EventLoops loops, String iface, int port, PoemCache cache, ServerLimits limits, Verbosity verbosity) {
        return TcpServer.start(loops, iface, port, limits, new PoetryProxyInitializer(cache, verbosity));
    }
}
