package dev.poetry.server;

import dev.poetry.net.EventLoops;
import dev.poetry.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds a listening socket for any of our servers and hands back a {@link RunningServer}. */
public final class TcpServer {

    /** SO_SNDBUF asked for on every connection (the kernel doubles it). */
    static final int SEND_BUFFER_BYTES = 128 * 1024;
    /** SO_SNDBUF by Linux's numbers (SOL_SOCKET 1, SO_SNDBUF 7): the native transports run on Linux only. */
    private static final ChannelOption<Integer> LISTENER_SEND_BUFFER = new IntegerUnixChannelOption("SOL_SOCKET/SO_SNDBUF", 1, 7);

    private static final AttributeKey<FailureLog> FAILURES = AttributeKey.valueOf(TcpServer.class, "failures");
    private static final Logger log = LoggerFactory.getLogger(TcpServer.class);

    private TcpServer() {
    }

    /**
     * Listens on {@code iface:port} ({@code port} 0 for an ephemeral one) and gives every accepted
     * connection the handlers {@code initializer} installs, within {@code limits}. The port's
     * range is the caller's to check ({@code ListenOptions} does it for the command line).
     *
     * @throws ServerStartException when the interface is unknown or the port cannot be bound
     */
    public static RunningServer start(EventLoops loops, String iface, int port, ServerLimits limits, ChannelHandler initializer) {
        return start(loops, iface, port, limits, initializer, FailureLog.standard(log), ConnectionTracker.REPORT_INTERVAL);
    }

    /** As above, with the failure log and the interval of its summaries given: for tests. */
    static RunningServer start(EventLoops loops, String iface, int port, ServerLimits limits, ChannelHandler initializer,
                               FailureLog failures, Duration reportInterval) {
        InetAddress address;
        try {
            address = InetAddress.getByName(iface);
        } catch (UnknownHostException e) {
            throw new ServerStartException("unknown interface '" + iface + "'");
        }
        ChannelGroup connections = new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);
        ConnectionTracker tracker = new ConnectionTracker(connections, limits, failures);
        ServerBootstrap bootstrap = new ServerBootstrap()
                // One group accepts and serves: accepting is a sliver of one loop's time, and a
                // group of its own would be a thread idle nearly always.
                .group(loops.group())
                .channelFactory(loops.serverChannelFactory(address))
                .option(ChannelOption.SO_BACKLOG, 4096) // the kernel caps it at net.core.somaxconn
                .option(ChannelOption.SO_REUSEADDR, true)
                .attr(FAILURES, failures)
                .handler(tracker)
                .childHandler(initializer);
        limitSendBuffers(bootstrap, loops.transport());
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(address, port)).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new ServerStartException(bindFailure(iface, port, bound.cause()), bound.cause());
        }
        return new RunningServer(bound.channel(), connections, limits, failures, tracker, reportInterval);
    }

    /**
     * A stalled client pins at most {@link #SEND_BUFFER_BYTES} of our kernel memory (doubled by the
     * kernel) instead of the several MB autotuning grows to; loopback and LAN speed don't suffer.
     * On Linux an accepted socket inherits the listener's SO_SNDBUF and its lock, so the native
     * transports set it once, on the listener; NIO's listening channel offers no SO_SNDBUF, so there
     * each connection sets its own (a setsockopt, and a getsockopt that Netty adds).
     */
    private static void limitSendBuffers(ServerBootstrap bootstrap, Transport transport) {
        if (transport == Transport.NIO) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, SEND_BUFFER_BYTES);
        } else {
            bootstrap.option(LISTENER_SEND_BUFFER, SEND_BUFFER_BYTES);
        }
    }

    /**
     * The failure log of the server that accepted {@code connection}: every handler logs its
     * clients' failures there, so that a flood is summarised per server. A channel no server
     * accepted (a test's {@code EmbeddedChannel}) gets a log of its own.
     */
    public static FailureLog failures(Channel connection) {
        Channel listener = connection.parent();
        FailureLog failures = listener == null ? null : listener.attr(FAILURES).get();
        return failures != null ? failures : FailureLog.standard(log);
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
