package dev.poetry.server.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.server.CutOff;
import dev.poetry.server.FailureLog;
import dev.poetry.server.Verbosity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transform server's pipeline, from its initializer, on an embedded channel whose clock the test moves. */
class TransformServerHandlerTest {

    private static final Duration IDLE = Duration.ofSeconds(3);
    private static final Duration REQUEST = Duration.ofSeconds(10);

    private final List<String> logged = new ArrayList<>();
    private long now;
    private final FailureLog failures = new FailureLog(logged::add, Duration.ofSeconds(10), 10, () -> now);
    /** Work handed to the workers, run when the test says. */
    private final Queue<Runnable> work = new ArrayDeque<>();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void closeChannels() {
        for (EmbeddedChannel channel : channels) {
            channel.finishAndReleaseAll();
        }
    }

    private EmbeddedChannel connect(Verbosity verbosity, Executor workers) {
        TransformServer.Settings settings = new TransformServer.Settings(Transforms.standard(), 1 << 20, IDLE, REQUEST, 1, 1, verbosity);
        EmbeddedChannel channel = new EmbeddedChannel(new TransformServerInitializer(settings, workers, failures, 0));
        channel.freezeTime();
        channels.add(channel);
        return channel;
    }

    private EmbeddedChannel connect() {
        return connect(Verbosity.NORMAL, work::add);
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    @Test
    void closesAClientThatDripsPastTheRequestDeadlineThoughNeverIdle() {
        EmbeddedChannel channel = connect();
        channel.writeInbound(bytes("1000000:"));
        for (long second = 2; second < REQUEST.toSeconds(); second += 2) {
            channel.advanceTimeBy(2, TimeUnit.SECONDS);
            channel.runScheduledPendingTasks();
            channel.writeInbound(bytes("x"));
            assertTrue(channel.isOpen(), "still open after " + second + " s of dripping");
        }
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertFalse(channel.isOpen());
        assertNull(channel.readOutbound(), "no reply");
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(logged.get(0).endsWith("without a reply: no whole request after 10 s"), logged.get(0));
    }

    @Test
    void closesAClientThatFallsSilentBeforeItsRequestIsWhole() {
        EmbeddedChannel channel = connect();
        channel.writeInbound(bytes("30:cummingsify.half"));
        channel.advanceTimeBy(IDLE.toMillis() - 100, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen());
        channel.advanceTimeBy(200, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertFalse(channel.isOpen());
        assertTrue(logged.get(0).endsWith("without a reply: silent for 3 s before its whole request"), logged.toString());
    }

    @Test
    void stopsBothTimersOnceTheRequestIsWholeAndAnswersOnTheLoop() {
        EmbeddedChannel channel = connect();
        channel.writeInbound(bytes("15:cummingsify.ABC,"));
        assertEquals(-1, channel.runScheduledPendingTasks(), "no timer is left to fire");
        channel.advanceTimeBy(REQUEST.toSeconds() * 10, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen(), "a slow transform is not the client's fault");
        assertNull(channel.readOutbound(), "nothing is written from the worker");
        work.remove().run();
        channel.runPendingTasks();
        ByteBuf reply = channel.readOutbound();
        try {
            assertEquals("3:abc,", reply.toString(StandardCharsets.US_ASCII));
        } finally {
            reply.release();
        }
        assertFalse(channel.isOpen());
        assertEquals(List.of(), logged);
    }

    @Test
    void refusesWhenEveryWorkerIsBusyAndTheQueueFull() {
        EmbeddedChannel channel = connect(Verbosity.NORMAL, task -> {
            throw new RejectedExecutionException("full");
        });
        channel.writeInbound(bytes("15:cummingsify.ABC,"));
        assertFalse(channel.isOpen());
        assertTrue(logged.get(0).endsWith("without a reply: every worker busy and the queue full"), logged.toString());
    }

    @Test
    void abandonsTheWorkOfAClientThatLeftWhileItWaited() {
        EmbeddedChannel channel = connect();
        channel.writeInbound(bytes("15:cummingsify.ABC,"));
        channel.close();
        work.remove().run();
        channel.runPendingTasks();
        assertNull(channel.readOutbound());
    }

    @Test
    void quotesPeerTextSoThatItCanNeitherForgeALineNorDriveATerminal() {
        String name = "x\n2026-01-01 12:00:00 INFO all is well\u001b[2J\u001b[31m\u202e";
        EmbeddedChannel channel = connect();
        byte[] payload = (name + ".poem").getBytes(StandardCharsets.UTF_8);
        channel.writeInbound(bytes(payload.length + ":"), Unpooled.wrappedBuffer(payload), bytes(","));
        work.remove().run();
        channel.runPendingTasks();
        String line = logged.get(0);
        assertTrue(line.contains("unknown transform 'x\\n2026-01-01 12:00:00 INFO all is well\\x1b[2J\\x1b[31m\\u202e'"), line);
        assertTrue(line.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == 0x202e), line);
    }

    @Test
    void cutsALongPeerNameTo64Characters() {
        EmbeddedChannel channel = connect();
        String name = "n".repeat(100_000);
        channel.writeInbound(bytes((name.length() + 2) + ":" + name + ".p,"));
        work.remove().run();
        channel.runPendingTasks();
        assertTrue(logged.get(0).endsWith("unknown transform '" + "n".repeat(64) + "'... (100000 chars)"), logged.get(0));
    }

    @Test
    void summarisesAFloodOfBadRequestsInAFewLines() {
        for (int i = 0; i < 2_000; i++) {
            EmbeddedChannel channel = connect(Verbosity.QUIET, Runnable::run);
            channel.writeInbound(bytes("10:sonnetize.,"));
            channel.runPendingTasks();
            assertFalse(channel.isOpen());
            channel.finishAndReleaseAll();
        }
        channels.clear();
        assertEquals(10, logged.size(), "ten lines in full, the rest counted");
        now += Duration.ofSeconds(10).toNanos();
        failures.flush();
        assertEquals("refused 1,990 more (unknown transform) in the last 10 s", logged.get(10));
    }

    @Test
    void aClientThatHangsUpMidRequestIsNoFailureUnderQuiet() {
        EmbeddedChannel quiet = connect(Verbosity.QUIET, work::add);
        quiet.writeInbound(bytes("40:cummingsify.not all of"));
        quiet.close();
        assertEquals(List.of(), logged);
        EmbeddedChannel normal = connect();
        normal.writeInbound(bytes("40:cummingsify.not all of"));
        normal.close();
        assertEquals(1, logged.size());
        assertTrue(logged.get(0).endsWith("hung up in the middle of its request"), logged.get(0));
    }

    @Test
    void transformsASmallRequestOnTheLoopAndALargerOneOnAWorker() {
        TransformServer.Settings settings = new TransformServer.Settings(Transforms.standard(), 1 << 20, IDLE, REQUEST, 1, 1, Verbosity.NORMAL);
        EmbeddedChannel channel = new EmbeddedChannel(new TransformServerInitializer(settings, work::add, failures, 16));
        channels.add(channel);
        channel.writeInbound(bytes("16:shout.abcdefghij,"));
        assertTrue(work.isEmpty(), "16 bytes are done on the loop");
        channel.runPendingTasks();
        ByteBuf reply = channel.readOutbound();
        try {
            assertEquals("10:ABCDEFGHIJ,", reply.toString(StandardCharsets.US_ASCII));
        } finally {
            reply.release();
        }
        EmbeddedChannel larger = new EmbeddedChannel(new TransformServerInitializer(settings, work::add, failures, 16));
        channels.add(larger);
        larger.writeInbound(bytes("17:shout.abcdefghijk,"));
        assertEquals(1, work.size(), "17 bytes go to a worker");
    }

    @Test
    void aConnectionCutOffAtShutdownDidNotGoAway() {
        EmbeddedChannel channel = connect();
        channel.writeInbound(bytes("40:cummingsify.not all of"));
        CutOff.SHUTDOWN.reset(channel);
        assertFalse(channel.isOpen());
        assertEquals(List.of(), logged, "no 'hung up' for a client we cut off");
    }

    @Test
    void refusesFramingErrorsAtOnceWithoutAWorker() {
        EmbeddedChannel channel = connect();
        channel.writeInbound(bytes("015:"));
        assertFalse(channel.isOpen());
        assertTrue(work.isEmpty());
        assertTrue(logged.get(0).endsWith("netstring length has a leading zero"), logged.toString());
    }
}
