package dev.poetry.server.fast;

import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.TcpServer;
import dev.poetry.server.Verbosity;
import io.netty.channel.ChannelHandler;

/**
 * The fast poetry server: the whole poem to every connection, then close. Its pipeline is public
 * on its own as well, so that the fault server can misbehave around it.
 */
public final class FastPoetryServer {

    private FastPoetryServer() {
    }

    public static RunningServer start(EventLoops loops, String iface, int port, SharedPoem poem, ServerLimits limits, Verbosity verbosity) {
        return TcpServer.start(loops, iface, port, limits, initializer(poem, verbosity));
    }

    /**
     * What each connection of a fast server runs; shared by all of them. It is the one
     * {@code @Sharable} handler itself, not a ChannelInitializer: that spares every connection an
     * add-and-remove in its pipeline, which profiled as the largest of our own costs.
     */
    public static ChannelHandler initializer(SharedPoem poem, Verbosity verbosity) {
        return new FastPoetryServerHandler(poem, verbosity);
    }
}
