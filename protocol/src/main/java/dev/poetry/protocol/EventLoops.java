package dev.poetry.protocol;

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
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The event loops of one process, and the one place that picks the transport: native epoll where
 * Netty can load it, NIO otherwise ({@code -Dio.netty.transport.noNative=true} forces NIO, since
 * {@link Epoll#isAvailable()} honours that property). Servers and clients take their channel
 * classes from here so that they always match the group.
 */
public final class EventLoops implements AutoCloseable {

    private final EventLoopGroup group;
    private final boolean epoll;

    private EventLoops(int threads, boolean epoll) {
        this.epoll = epoll;
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        // Daemon threads: a finished command must never hang on a loop someone forgot to close.
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("poetry-io", true), handlers);
    }

    /** Loops on the best transport available; {@code threads == 0} means Netty's default (2 x cores). */
    public static EventLoops create(int threads) {
        return new EventLoops(threads, Epoll.isAvailable());
    }

    /** Loops on NIO whatever the platform offers, for tests that must see the portable path. */
    public static EventLoops createNio(int threads) {
        return new EventLoops(threads, false);
    }

    public EventLoopGroup group() {
        return group;
    }

    public Class<? extends ServerChannel> serverChannelType() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> socketChannelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** For name lookups over UDP on these loops. */
    public Class<? extends DatagramChannel> datagramChannelType() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /** {@code "epoll"} or {@code "nio"}. */
    public String transportName() {
        return epoll ? "epoll" : "nio";
    }

    /** Shuts the loops down without Netty's two-second quiet period: whoever closes us is done. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
