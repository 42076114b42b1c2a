package dev.poetry.server;

import dev.poetry.protocol.EventLoops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Binds a listening socket for any of our servers and hands back a {@link RunningServer}. */
public final class TcpServer {

    private TcpServer() {
    }

    /**
     * Listens on {@code iface:port} ({@code port} 0 for an ephemeral one) and gives every accepted
     * connection the handlers {@code initializer} installs, within {@code limits}.
     *
     * @throws ServerStartException when the interface is unknown or the port cannot be bound
     */
    public static RunningServer start(EventLoops loops, String iface, int port, ServerLimits limits, ChannelHandler initializer) {
        if (port < 0 || port > 65_535) {
            throw new ServerStartException("port " + port + " is out of range (0-65535)");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(iface);
        } catch (UnknownHostException e) {
            throw new ServerStartException("unknown interface '" + iface + "'");
        }
        ChannelGroup connections = new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.group())
                .channel(loops.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, 4096) // the kernel caps it at net.core.somaxconn
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new ConnectionTracker(connections))
                .childHandler(initializer);
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(address, port)).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new ServerStartException(bindFailure(iface, port, bound.cause()), bound.cause());
        }
        return new RunningServer(bound.channel(), connections, limits);
    }

    private static String bindFailure(String iface, int port, Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (message.contains("Address already in use")) {
            return "port " + port + " on " + iface + " is already in use";
        }
        if (message.contains("Permission denied")) {
            return "no permission to listen on " + iface + ":" + port;
        }
        // Native transports say "bind(..) failed: <reason>"; keep the reason only.
        int failed = message.indexOf("failed: ");
        String reason = failed >= 0 ? message.substring(failed + "failed: ".length()) : message;
        return "cannot listen on " + iface + ":" + port + ": " + reason;
    }
}
