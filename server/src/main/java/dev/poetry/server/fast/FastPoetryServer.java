package dev.poetry.server.fast;

import dev.poetry.server.Verbosity;
import dev.poetry.protocol.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.TcpServer;

/** Starts the fast poetry server: the whole poem to every connection, then close. Its pipeline is one handler. */
public final class FastPoetryServer {

    private FastPoetryServer() {
    }

    public static RunningServer start(EventLoops loops, String iface, int port, SharedPoem poem, ServerLimits limits, Verbosity verbosity) {
        // The pipeline is this one @Sharable handler: installing it directly spares every connection
        // a ChannelInitializer's add-and-remove, which profiled as the largest of our own costs.
        return TcpServer.start(loops, iface, port, limits, new FastPoetryServerHandler(poem, verbosity));
    }
}
