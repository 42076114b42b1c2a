package dev.poetry.server.fast;

import dev.poetry.server.Verbosity;
import dev.poetry.protocol.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.TcpServer;

/** Starts the fast poetry server: the whole poem to every connection, then close. */
public final class FastPoetryServer {

    private FastPoetryServer() {
    }

    public static RunningServer start(EventLoops loops, String iface, int port, SharedPoem poem, ServerLimits limits, Verbosity verbosity) {
        return TcpServer.start(loops, iface, port, limits, new FastPoetryServerInitializer(poem, verbosity));
    }
}
