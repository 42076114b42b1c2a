package dev.poetry.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.poetry.testing.Loopback;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventLoopsTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyAvailableTransportServesOverLoopbackWithMatchingChannels(Transport transport) throws Exception {
        assumeTrue(EventLoops.whyUnavailable(transport).isEmpty(), () -> transport + " is not available here");
        byte[] greeting = "a line of verse\n".getBytes(StandardCharsets.US_ASCII);
        try (EventLoops loops = EventLoops.create(1, transport)) {
            assertEquals(EventLoops.resolve(transport), loops.transport());
            assertNotEquals(Transport.AUTO, loops.transport());
            Channel listener = new ServerBootstrap()
                    .group(loops.group())
                    .channelFactory(loops.serverChannelFactory(InetAddress.getLoopbackAddress()))
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(ChannelHandlerContext ctx) {
                            ctx.writeAndFlush(Unpooled.wrappedBuffer(greeting)).addListener(ChannelFutureListener.CLOSE);
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
            try {
                int port = ((InetSocketAddress) listener.localAddress()).getPort();
                assertArrayEquals(greeting, Loopback.readAll(port));
            } finally {
                listener.close().sync();
            }
        }
    }

    @Test
    void autoResolvesToATransportThatRunsHere() {
        Transport chosen = EventLoops.resolve(Transport.AUTO);
        assertNotEquals(Transport.AUTO, chosen);
        assertTrue(EventLoops.whyUnavailable(chosen).isEmpty(), chosen.toString());
    }

    @Test
    void transportsAreNamedAsUsersTypeThem() {
        assertEquals("io_uring", Transport.IO_URING.toString());
        try (EventLoops nio = EventLoops.createNio(1)) {
            assertEquals("nio", nio.transportName());
        }
    }

    /**
     * An IPv4 address gets an IPv4 listening socket (so IPv4 connections, which cost the kernel
     * less than IPv6 ones carrying IPv4) on the transports that let us choose. The kernel's own
     * tables say which family a socket is: /proc/net/tcp for IPv4, /proc/net/tcp6 for IPv6.
     */
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"EPOLL", "NIO"})
    void anIpv4AddressGetsAnIpv4ListeningSocket(Transport transport) throws Exception {
        assumeTrue(EventLoops.whyUnavailable(transport).isEmpty(), () -> transport + " is not available here");
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "no /proc/net/tcp here");
        byte[] greeting = "a line of verse\n".getBytes(StandardCharsets.US_ASCII);
        InetAddress ipv4Loopback = InetAddress.getByName("127.0.0.1");
        try (EventLoops loops = EventLoops.create(1, transport)) {
            Channel listener = new ServerBootstrap()
                    .group(loops.group())
                    .channelFactory(loops.serverChannelFactory(ipv4Loopback))
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(ChannelHandlerContext ctx) {
                            ctx.writeAndFlush(Unpooled.wrappedBuffer(greeting)).addListener(ChannelFutureListener.CLOSE);
                        }
                    })
                    .bind(new InetSocketAddress(ipv4Loopback, 0)).sync().channel();
            try {
                int port = ((InetSocketAddress) listener.localAddress()).getPort();
                assertTrue(listensIn(Path.of("/proc/net/tcp"), port), "an IPv4 socket listens on port " + port);
                assertFalse(listensIn(Path.of("/proc/net/tcp6"), port), "no IPv6 socket listens on port " + port);
                assertArrayEquals(greeting, Loopback.readAll(port));
            } finally {
                listener.close().sync();
            }
        }
    }

    /** Whether the kernel table {@code table} has a socket listening (state 0A) on local port {@code port}. */
    private static boolean listensIn(Path table, int port) throws IOException {
        if (!Files.isReadable(table)) {
            return false;
        }
        String localPort = String.format(":%04X", port);
        try (Stream<String> lines = Files.lines(table)) {
            return lines.skip(1).map(String::trim).map(line -> line.split("\\s+"))
                    .anyMatch(fields -> fields[1].endsWith(localPort) && fields[3].equals("0A"));
        }
    }
}
