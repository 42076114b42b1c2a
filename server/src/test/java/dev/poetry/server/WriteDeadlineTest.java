package dev.poetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.poetry.net.EventLoops;
import dev.poetry.net.Transport;
import dev.poetry.testing.Await;
import dev.poetry.testing.Loopback;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WriteDeadlineTest {

    /** Long enough that nothing here meets it: the tests are about when the timer runs. */
    private static final ServerLimits LIMITS = new ServerLimits(100, Duration.ofSeconds(5), Duration.ZERO);

    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final FailureLog failureLog = new FailureLog(failures::add, Duration.ofSeconds(10), 10, System::nanoTime);

    @Test
    void aConnectionThatTakesItsPoemAtOnceSchedulesNoTimer() {
        WriteDeadline deadline = new WriteDeadline(LIMITS, failureLog);
        EmbeddedChannel channel = new EmbeddedChannel(deadline);
        assertEquals(-1, channel.runScheduledPendingTasks(), "nothing scheduled for a connection that has been written nothing");
        channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[3000]));
        ByteBuf written = channel.readOutbound();
        assertEquals(3000, written.readableBytes());
        written.release();
        assertFalse(deadline.armed());
        assertEquals(-1, channel.runScheduledPendingTasks(), "nothing scheduled after a write that left nothing waiting");
        assertFalse(channel.finish());
        assertTrue(failures.isEmpty(), failures::toString);
    }

    /**
     * A poem larger than what the kernel buffers on both sides stays pending: the timer runs while
     * it waits, and stops once the client has taken it all, though the connection stays open.
     */
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"EPOLL", "IO_URING", "NIO"})
    void aWriteLeftWaitingRunsTheTimerUntilTheClientHasTakenItAll(Transport transport) throws Exception {
        assumeTrue(EventLoops.whyUnavailable(transport).isEmpty(), transport + " is not available here");
        SharedPoem poem = SharedPoem.of(new byte[4 << 20]);
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        try (EventLoops loops = EventLoops.create(1, transport);
             RunningServer server = TcpServer.start(loops, "127.0.0.1", 0, LIMITS, new WriteAndStayOpen(poem, accepted),
                     failureLog, ConnectionTracker.REPORT_INTERVAL);
             Socket client = new Socket()) {
            client.setReceiveBufferSize(16 * 1024);
            client.connect(server.localAddress());
            Channel channel = accepted.get(5, TimeUnit.SECONDS);
            WriteDeadline deadline = channel.pipeline().get(WriteDeadline.class);
            assertTrue(armed(channel, deadline), "the timer runs while the poem waits for the client");

            client.setSoTimeout(Loopback.TIMEOUT_MILLIS);
            assertEquals(poem.length(), client.getInputStream().readNBytes(poem.length()).length);
            Await.until(() -> !armed(channel, deadline), Duration.ofSeconds(10), "the timer stops once nothing waits");
            assertTrue(channel.isActive(), "a client that took its poem is not cut off");
            assertTrue(failures.isEmpty(), failures::toString);
        }
    }

    /** Asks on the channel's loop, where the deadline lives. */
    private static boolean armed(Channel channel, WriteDeadline deadline) {
        try {
            return channel.eventLoop().submit(deadline::armed).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not ask the channel's loop", e);
        }
    }

    /** Writes the whole poem and keeps the connection open, then hands the channel to the test. */
    @ChannelHandler.Sharable
    private static final class WriteAndStayOpen extends ChannelInboundHandlerAdapter {
        private final SharedPoem poem;
        private final CompletableFuture<Channel> accepted;

        WriteAndStayOpen(SharedPoem poem, CompletableFuture<Channel> accepted) {
            this.poem = poem;
            this.accepted = accepted;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(poem.all());
            accepted.complete(ctx.channel());
        }
    }
}
