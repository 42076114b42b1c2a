package dev.poetry.server.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.poetry.server.FailureLog;
import dev.poetry.server.Verbosity;
import dev.poetry.testing.NetstringReference;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transform server's whole request path, from its initializer, on an embedded channel: any
 * bytes in any splits get exactly one reply when they start with a well-formed request for a known
 * transform, and none otherwise; no exception escapes the pipeline (the channel would rethrow it)
 * and no buffer leaks. Workers run inline here, so every outcome is decided by the time the bytes
 * are in. Seeds in {@code TransformServerFuzzTestInputs/} run in every build; set
 * {@code JAZZER_FUZZ=1} to fuzz.
 */
class TransformServerFuzzTest {

    private static final int MAX_LENGTH = 200;
    private static final Transforms TRANSFORMS = Transforms.standard();
    private static final TransformServer.Settings SETTINGS = new TransformServer.Settings(TRANSFORMS, MAX_LENGTH,
            Duration.ofSeconds(30), Duration.ofSeconds(10), 1, 1, Verbosity.QUIET);

    @FuzzTest(maxDuration = "90s") // under the 120 s that bounds every test
    void answersAWellFormedRequestOnceAndAnythingElseNever(FuzzedDataProvider data) {
        boolean onWorkers = data.consumeBoolean();
        List<byte[]> chunks = new ArrayList<>();
        while (data.remainingBytes() > 0) {
            chunks.add(data.consumeBytes(data.consumeInt(1, 64)));
        }
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        chunks.forEach(stream::writeBytes);
        Optional<byte[]> expected = expectedReply(stream.toByteArray());

        FailureLog failures = new FailureLog(line -> { }, Duration.ofSeconds(10), 10, System::nanoTime);
        EmbeddedChannel channel = new EmbeddedChannel(new TransformServerInitializer(SETTINGS, Runnable::run, failures, onWorkers ? 0 : MAX_LENGTH));
        List<byte[]> replies = new ArrayList<>();
        for (byte[] chunk : chunks) {
            if (!channel.isOpen()) {
                break;
            }
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
            channel.runPendingTasks();
            for (ByteBuf reply; (reply = channel.readOutbound()) != null; ) {
                replies.add(ByteBufUtil.getBytes(reply));
                reply.release();
            }
        }
        assertNull(channel.readInbound(), "nothing passes the handler");
        channel.finishAndReleaseAll();
        if (expected.isPresent()) {
            assertEquals(1, replies.size(), "one reply to a well-formed request");
            assertArrayEquals(expected.get(), replies.get(0));
            assertFalse(channel.isOpen(), "closed after the reply");
        } else {
            assertEquals(0, replies.size(), "no reply to anything else");
        }
    }

    /** The reply a correct server gives, worked out without any of its code but the transforms. */
    private static Optional<byte[]> expectedReply(byte[] stream) {
        NetstringReference frames = NetstringReference.read(stream, MAX_LENGTH);
        if (frames.frames().isEmpty()) {
            return Optional.empty();
        }
        String payload;
        try {
            payload = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(frames.frames().get(0)))
                    .toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        int dot = payload.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return TRANSFORMS.find(payload.substring(0, dot)).map(transform -> {
            byte[] poem = transform.apply(payload.substring(dot + 1)).getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.writeBytes((poem.length + ":").getBytes(StandardCharsets.US_ASCII));
            frame.writeBytes(poem);
            frame.write(',');
            return frame.toByteArray();
        });
    }
}
