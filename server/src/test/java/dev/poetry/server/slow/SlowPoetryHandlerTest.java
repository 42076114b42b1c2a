package dev.poetry.server.slow;

import dev.poetry.server.Verbosity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.server.SharedPoem;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlowPoetryHandlerTest {

    private static final String POEM = "the quick brown fox\n"; // 20 bytes
    private static final Duration DELAY = Duration.ofMillis(700);

    @Test
    void sendsTheFirstChunkAtOnceThenOneEveryDelayThenCloses() throws Exception {
        EmbeddedChannel channel = slowChannel(8);
        assertEquals("the quic", readChunk(channel));
        assertNull(channel.readOutbound(), "nothing more before the delay");

        channel.advanceTimeBy(DELAY.toMillis() - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertNull(channel.readOutbound(), "nothing more before the delay");

        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertEquals("k brown ", readChunk(channel));

        channel.advanceTimeBy(DELAY.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertEquals("fox\n", readChunk(channel));
        assertFalse(channel.isOpen(), "closed after the last chunk");
        assertFalse(channel.finish());
    }

    @Test
    void splitsMultiByteCharactersBetweenChunksBecauseItCountsBytes() throws Exception {
        SharedPoem poem = SharedPoem.of("\u00e0\u00e8".getBytes(StandardCharsets.UTF_8)); // 4 bytes
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        start(channel, new SlowPoetryHandler(poem, new SlowPoetryServer.Pace(3, DELAY), Verbosity.NORMAL));
        ByteBuf first = channel.readOutbound();
        assertEquals(3, first.readableBytes());
        first.release();
        channel.advanceTimeBy(DELAY.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        ByteBuf second = channel.readOutbound();
        assertEquals(1, second.readableBytes());
        second.release();
        assertFalse(channel.isOpen());
    }

    @Test
    void stopsItsScheduleWhenTheClientGoesAway() throws Exception {
        EmbeddedChannel channel = slowChannel(5);
        assertEquals("the q", readChunk(channel));
        channel.close();
        channel.advanceTimeBy(10, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertNull(channel.readOutbound());
        assertEquals(-1, channel.runScheduledPendingTasks(), "no timer left behind");
    }

    @Test
    void pausesWhileTheClientIsNotReading() throws Exception {
        EmbeddedChannel channel = slowChannel(5);
        SlowPoetryHandler handler = channel.pipeline().get(SlowPoetryHandler.class);
        assertEquals("the q", readChunk(channel));

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        channel.runPendingTasks();
        channel.advanceTimeBy(DELAY.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertEquals("uick ", readChunk(channel), "the chunk already scheduled goes out");

        channel.advanceTimeBy(DELAY.toMillis() * 20, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertNull(channel.readOutbound(), "nothing is queued while the channel is not writable");
        assertEquals(10, handler.bytesSent());

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        channel.runPendingTasks(); // delivers channelWritabilityChanged
        channel.advanceTimeBy(DELAY.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertEquals("brown", readChunk(channel));
        assertTrue(channel.isOpen());
        channel.finishAndReleaseAll();
    }

    @Test
    void closesAtOnceForAnEmptyPoem() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(false, false);
        channel.pipeline().addLast(new SlowPoetryHandler(SharedPoem.of(new byte[0]), new SlowPoetryServer.Pace(10, DELAY), Verbosity.VERBOSE));
        channel.register();
        assertNull(channel.readOutbound());
        assertFalse(channel.isOpen());
    }

    private static EmbeddedChannel slowChannel(int numBytes) throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime(); // before the handler starts its schedule, so every deadline is exact
        SharedPoem poem = SharedPoem.of(POEM.getBytes(StandardCharsets.UTF_8));
        start(channel, new SlowPoetryHandler(poem, new SlowPoetryServer.Pace(numBytes, DELAY), Verbosity.VERBOSE));
        return channel;
    }

    /** Handlers start on channelActive, which an EmbeddedChannel fires once, at registration: so fire it again. */
    private static void start(EmbeddedChannel channel, SlowPoetryHandler handler) {
        channel.pipeline().addLast(handler);
        channel.pipeline().fireChannelActive();
    }

    private static String readChunk(EmbeddedChannel channel) {
        ByteBuf chunk = channel.readOutbound();
        try {
            return chunk.toString(StandardCharsets.UTF_8);
        } finally {
            chunk.release();
        }
    }
}
