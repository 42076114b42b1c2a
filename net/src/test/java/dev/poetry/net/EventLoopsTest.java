package dev.poetry.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventLoopsTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyAvailableTransportServesOverLoopbackWithMatchingChannelTypes(Transport transport) throws Exception {
        assumeTrue(EventLoops.whyUnavailable(transport).isEmpty(), () -> transport + " is not available here");
        byte[] greeting = "a line of verse\n".getBytes(StandardCharsets.US_ASCII);
        try (EventLoops loops = EventLoops.create(1, transport)) {
            assertEquals(EventLoops.resolve(transport), loops.transport());
            assertNotEquals(Transport.AUTO, loops.transport());
            Channel listener = new ServerBootstrap()
                    .group(loops.group())
                    .channel(loops.serverChannelType())
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
}
