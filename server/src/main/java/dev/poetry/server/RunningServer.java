package dev.poetry.server;

import dev.poetry.protocol.Address;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A listening server: where it really is (port 0 resolved) and how to stop it. */
public final class RunningServer implements AutoCloseable {

    private final Channel listener;
    private final ChannelGroup connections;
    private final ServerLimits limits;

    RunningServer(Channel listener, ChannelGroup connections, ServerLimits limits) {
        this.listener = listener;
        this.connections = connections;
        this.limits = limits;
    }

    public ServerLimits limits() {
        return limits;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    public int port() {
        return localAddress().getPort();
    }

    /** The bound address as {@code HOST:PORT} ({@code [V6]:PORT}), numeric, for start-up lines. */
    public Address address() {
        return new Address(localAddress().getAddress().getHostAddress(), port());
    }

    /** Completes when the listening socket is closed. */
    public Future<Void> closeFuture() {
        return listener.closeFuture();
    }

    /** Connections open right now. */
    public int openConnections() {
        return connections.size();
    }

    /**
     * Stops accepting, lets the connections in flight finish for at most {@code grace}, then closes
     * whatever is left. Blocks until done.
     */
    public void shutdownGracefully(Duration grace) {
        listener.close().awaitUninterruptibly();
        if (!connections.newCloseFuture().awaitUninterruptibly(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            connections.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
    }

    /** Stops at once: the listener and every connection are closed. */
    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    }
}
