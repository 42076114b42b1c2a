package dev.poetry.server.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.server.CutOff;
import dev.poetry.server.FailureLog;
import dev.poetry.server.Verbosity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
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

    /** Other clients' requests fill direct memory: this client is refused in one short line, the server carries on. */
    @Test
    void refusesAClientWhenDirectMemoryRunsOutAndSaysHowMuchIsInUse() {
        EmbeddedChannel channel = connect();
        channel.writeInbound(bytes("1000000:cummingsify."));
        channel.pipeline().fireExceptionCaught(new OutOfMemoryError(
                "Cannot reserve 4194304 bytes of direct buffer memory (allocated: 65011712, limit: 67108864)"));
        assertFalse(channel.isOpen());
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(logged.get(0).endsWith("without a reply: out of direct memory (62 MiB of 64 MiB in use)"), logged.get(0));
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

    @Test
    void measuresSilenceFromTheLastReadHoweverOftenTheTimerIsSetAgain() {
        EmbeddedChannel channel = connect();
        channel.writeInbound(bytes("30:"));
        for (int drip = 0; drip < 2; drip++) { // the timer fires between the drips and is set again from the last
            channel.advanceTimeBy(IDLE.toMillis() - 500, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            channel.writeInbound(bytes("x"));
        }
        channel.advanceTimeBy(IDLE.toMillis() - 100, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen(), "silent for less than the idle timeout since the last byte");
        channel.advanceTimeBy(200, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertFalse(channel.isOpen());
        assertTrue(logged.get(0).endsWith("without a reply: silent for 3 s before its whole request"), logged.toString());
    }

    @Test
    void aSilentClientMeetsTheRequestDeadlineFirstWhenItIsTheNearerBound() {
        TransformServer.Settings settings = new TransformServer.Settings(Transforms.standard(), 1 << 20, Duration.ofSeconds(30), REQUEST, 1, 1,
                Verbosity.NORMAL);
        EmbeddedChannel channel = new EmbeddedChannel(new TransformServerInitializer(settings, work::add, failures, 0));
        channel.freezeTime();
        channels.add(channel);
        channel.advanceTimeBy(REQUEST.toMillis() - 100, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen());
        channel.advanceTimeBy(200, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertFalse(channel.isOpen());
        assertTrue(logged.get(0).endsWith("without a reply: no whole request after 10 s"), logged.toString());
    }

    @Test
    void readsNoMoreWhileTheRequestWaitsForAWorker() {
        EmbeddedChannel channel = connect();
        channel.writeInbound(bytes("15:cummingsify.ABC,"));
        assertFalse(channel.config().isAutoRead());
    }

    @Test
    void readsNoMoreWhileAReplyMadeOnTheLoopWaitsForTheClientAndClosesOnceItIsTaken() {
        List<ChannelPromise> held = new ArrayList<>();
        ChannelOutboundHandlerAdapter slowClient = new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                held.add(promise); // the reply sits in a full socket buffer
                ctx.write(msg, ctx.voidPromise());
            }
        };
        TransformServer.Settings settings = new TransformServer.Settings(Transforms.standard(), 1 << 20, IDLE, REQUEST, 1, 1, Verbosity.NORMAL);
        EmbeddedChannel channel = new EmbeddedChannel(slowClient, new TransformServerInitializer(settings, work::add, failures, 100));
        channels.add(channel);
        channel.writeInbound(bytes("15:cummingsify.ABC,"));
        assertEquals(1, held.size());
        assertFalse(channel.config().isAutoRead(), "nothing more is read while the reply waits");
        assertTrue(channel.isOpen());
        held.get(0).setSuccess();
        assertFalse(channel.isOpen());
        ((ByteBuf) channel.readOutbound()).release();
    }

    @Test
    void answersAnAsciiRequestFromTheBytesItCameIn() {
        TransformServer.Settings settings = new TransformServer.Settings(Transforms.standard(), 1 << 20, IDLE, REQUEST, 1, 1, Verbosity.NORMAL);
        EmbeddedChannel channel = new EmbeddedChannel(new TransformServerInitializer(settings, work::add, failures, 100));
        channels.add(channel);
        byte[] request = "19:cummingsify.ABC def,".getBytes(StandardCharsets.US_ASCII);
        channel.writeInbound(Unpooled.wrappedBuffer(request));
        assertEquals("7:abc def,", readReply(channel));
        assertEquals("19:cummingsify.abc def,", new String(request, StandardCharsets.US_ASCII), "transformed where it lay, not copied");
        EmbeddedChannel readOnly = new EmbeddedChannel(new TransformServerInitializer(settings, work::add, failures, 100));
        channels.add(readOnly);
        byte[] again = "19:cummingsify.ABC def,".getBytes(StandardCharsets.US_ASCII);
        readOnly.writeInbound(Unpooled.wrappedBuffer(again).asReadOnly());
        assertEquals("7:abc def,", readReply(readOnly));
        assertEquals("19:cummingsify.ABC def,", new String(again, StandardCharsets.US_ASCII), "a read-only buffer is left as it is");
    }

    /**
     * The ASCII way and the way through text give one answer: a poem with one non-ASCII character, or
     * one byte that is not UTF-8, at every position, the request split in two at every position, on
     * the loop and on a worker, for each transform.
     */
    @Test
    void answersAsTheTextWayWithNonAsciiOrInvalidBytesAtEveryPositionSplitAnywhere() {
        byte[] plain = "Up.\nAb Zz?".getBytes(StandardCharsets.US_ASCII);
        byte[][] intruders = {{}, "\u00c9".getBytes(StandardCharsets.UTF_8), "\u03a3".getBytes(StandardCharsets.UTF_8), {(byte) 0xff},
            {(byte) 0xc3}, {(byte) 0x80}};
        for (Transform transform : Transforms.standard().all()) {
            for (byte[] intruder : intruders) {
                for (int position = 0; position <= plain.length; position++) {
                    ByteArrayOutputStream poem = new ByteArrayOutputStream();
                    poem.write(plain, 0, position);
                    poem.writeBytes(intruder);
                    poem.write(plain, position, plain.length - position);
                    byte[] frame = frame((transform.name() + ".").getBytes(StandardCharsets.US_ASCII), poem.toByteArray());
                    Optional<String> expected = expectedReply(transform, poem.toByteArray());
                    for (int split = 0; split <= frame.length; split++) {
                        for (int inlineLimit : new int[] {0, 1 << 20}) {
                            String what = transform.name() + " " + HexFormat.of().formatHex(poem.toByteArray()) + " split at " + split + " limit " + inlineLimit;
                            assertEquals(expected, replyTo(frame, split, inlineLimit), what);
                        }
                    }
                }
            }
        }
    }

    private Optional<String> replyTo(byte[] frame, int split, int inlineLimit) {
        TransformServer.Settings settings = new TransformServer.Settings(Transforms.standard(), 1 << 20, IDLE, REQUEST, 1, 1, Verbosity.QUIET);
        EmbeddedChannel channel = new EmbeddedChannel(new TransformServerInitializer(settings, Runnable::run, failures, inlineLimit));
        try {
            channel.writeInbound(Unpooled.copiedBuffer(frame, 0, split));
            if (channel.isOpen()) {
                channel.writeInbound(Unpooled.copiedBuffer(frame, split, frame.length - split));
            }
            channel.runPendingTasks();
            ByteBuf reply = channel.readOutbound();
            if (reply == null) {
                assertFalse(channel.isOpen(), "refused, and closed");
                return Optional.empty();
            }
            try {
                return Optional.of(reply.toString(StandardCharsets.UTF_8));
            } finally {
                reply.release();
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** The reply worked out from the text, with none of the server's byte handling. */
    private static Optional<String> expectedReply(Transform transform, byte[] poem) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(poem))
                    .toString();
            String result = transform.apply(text);
            return Optional.of(result.getBytes(StandardCharsets.UTF_8).length + ":" + result + ",");
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static byte[] frame(byte[] name, byte[] poem) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes((name.length + poem.length + ":").getBytes(StandardCharsets.US_ASCII));
        frame.writeBytes(name);
        frame.writeBytes(poem);
        frame.write(',');
        return frame.toByteArray();
    }

    private static String readReply(EmbeddedChannel channel) {
        ByteBuf reply = channel.readOutbound();
        try {
            return reply.toString(StandardCharsets.US_ASCII);
        } finally {
            reply.release();
        }
    }
}
