package dev.poetry.net;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The event loops of one process, and the one place that picks the transport. {@link Transport#AUTO}
 * takes the first available of {@link #AUTO_ORDER}; {@code -Dio.netty.transport.noNative=true}
 * leaves only NIO, since both native transports honour that property. Servers and clients take
 * their channel classes from here so that they always match the group.
 */
public final class EventLoops implements AutoCloseable {

    /**
     * In order of preference. epoll first: it measured cheapest per connection here (README,
     * Benchmarks), and Netty 4.2.18's io_uring channel (on Linux 6.18) usually misses a reset
     * that follows a connect at once, and the bytes before it, so a download waits for its idle
     * timeout instead of failing (PoetryClientTest shows it; ProxyStressTest times out on it).
     * --transport io_uring still asks for it. Only the classes of the transport in use are loaded.
     */
    private static final List<Transport> AUTO_ORDER = List.of(Transport.EPOLL, Transport.IO_URING, Transport.NIO);

    /**
     * For a command that opens a few connections and exits, start-up is the cost: io_uring's ring
     * set-up measured slowest to start. NIO started about 20 ms faster than epoll (no native
     * library), but it reports a refused connection later than epoll does, so a quick poem could
     * end a --first run before the refusal was seen (RunEndingsTest); epoll keeps that order.
     */
    private static final List<Transport> SHORT_LIVED_AUTO_ORDER = List.of(Transport.EPOLL, Transport.NIO);

    private final EventLoopGroup group;
    private final Transport transport;

    private EventLoops(int threads, Transport transport) {
        this.transport = transport;
        IoHandlerFactory handlers = switch (transport) {
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
            case AUTO -> throw new IllegalArgumentException("resolve AUTO first");
        };
        // Daemon threads: a finished command must never hang on a loop someone forgot to close.
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("poetry-io", true), handlers);
    }

    /** Loops on the best transport available; {@code threads == 0} means Netty's default (2 x cores). */
    public static EventLoops create(int threads) {
        return create(threads, Transport.AUTO);
    }

    /**
     * Loops on {@code transport}, or for {@link Transport#AUTO} on the best one available here.
     *
     * @throws IllegalArgumentException when a named transport is unavailable; ask {@link #whyUnavailable} first
     */
    public static EventLoops create(int threads, Transport transport) {
        return on(threads, resolve(transport, AUTO_ORDER));
    }

    /** Like {@link #create(int, Transport)}, for a short-lived command, where AUTO favours start-up. */
    public static EventLoops createShortLived(int threads, Transport transport) {
        return on(threads, resolve(transport, SHORT_LIVED_AUTO_ORDER));
    }

    private static EventLoops on(int threads, Transport chosen) {
        Optional<String> unavailable = whyUnavailable(chosen);
        if (unavailable.isPresent()) {
            throw new IllegalArgumentException(chosen + " is not available here: " + unavailable.get());
        }
        return new EventLoops(threads, chosen);
    }

    /** Loops on NIO whatever the platform offers, for tests that must see the portable path. */
    public static EventLoops createNio(int threads) {
        return new EventLoops(threads, Transport.NIO);
    }

    /** The transport {@code requested} runs on here: itself, or for AUTO the first available. */
    public static Transport resolve(Transport requested) {
        return resolve(requested, AUTO_ORDER);
    }

    private static Transport resolve(Transport requested, List<Transport> autoOrder) {
        if (requested != Transport.AUTO) {
            return requested;
        }
        for (Transport candidate : autoOrder) {
            if (whyUnavailable(candidate).isEmpty()) {
                return candidate;
            }
        }
        return Transport.NIO;
    }

    /** Why {@code transport} cannot run here, or empty when it can. AUTO and NIO always can. */
    public static Optional<String> whyUnavailable(Transport transport) {
        Throwable cause = switch (transport) {
            case IO_URING -> IoUring.isAvailable() ? null : IoUring.unavailabilityCause();
            case EPOLL -> Epoll.isAvailable() ? null : Epoll.unavailabilityCause();
            case NIO, AUTO -> null;
        };
        if (cause == null) {
            return Optional.empty();
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return Optional.of(String.valueOf(root.getMessage() != null ? root.getMessage() : root));
    }

    public EventLoopGroup group() {
        return group;
    }

    /**
     * Makes listening channels to bind to {@code address}. For an IPv4 address the socket is IPv4
     * where the transport lets us say so (epoll, NIO): by default Netty opens a dual-stack IPv6
     * socket, and every connection it accepts is then an IPv6 socket carrying IPv4, which costs the
     * kernel more per connection. io_uring's listener has no such choice in this Netty.
     */
    public ChannelFactory<? extends ServerChannel> serverChannelFactory(InetAddress address) {
        boolean ipv4 = address instanceof Inet4Address;
        return switch (transport) {
            case EPOLL -> ipv4 ? () -> new EpollServerSocketChannel(SocketProtocolFamily.INET) : EpollServerSocketChannel::new;
            case NIO -> ipv4 ? () -> new NioServerSocketChannel(SelectorProvider.provider(), SocketProtocolFamily.INET)
                    : NioServerSocketChannel::new;
            default -> IoUringServerSocketChannel::new;
        };
    }

    public Class<? extends SocketChannel> socketChannelType() {
        return switch (transport) {
            case IO_URING -> IoUringSocketChannel.class;
            case EPOLL -> EpollSocketChannel.class;
            default -> NioSocketChannel.class;
        };
    }

    /** For name lookups over UDP on these loops. */
    public Class<? extends DatagramChannel> datagramChannelType() {
        return switch (transport) {
            case IO_URING -> IoUringDatagramChannel.class;
            case EPOLL -> EpollDatagramChannel.class;
            default -> NioDatagramChannel.class;
        };
    }

    /** The transport these loops run on; never AUTO. */
    public Transport transport() {
        return transport;
    }

    /** {@code "io_uring"}, {@code "epoll"} or {@code "nio"}. */
    public String transportName() {
        return transport.toString();
    }

    /** Shuts the loops down without Netty's two-second quiet period: whoever closes us is done. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
