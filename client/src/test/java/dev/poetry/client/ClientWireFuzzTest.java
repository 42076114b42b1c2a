package dev.poetry.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.poetry.net.TransformRequest;
import dev.poetry.testing.NetstringReference;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client's side of the wire under a server that sends anything: garbage, too much, a reset, or
 * nothing at all. Whatever arrives, a download ends (a whole poem only after a clean close within
 * the size limit; a failure otherwise), nothing escapes the pipeline and no buffer leaks. Seeds in
 * {@code ClientWireFuzzTestInputs/} run in every build; set {@code JAZZER_FUZZ=1} to fuzz.
 */
class ClientWireFuzzTest {

    private static final Duration IDLE = Duration.ofSeconds(30);

    /** How a fuzzed server ends its side. */
    private enum Ending { CLEAN_CLOSE, RESET, STALL }

    @FuzzTest(maxDuration = "60s")
    void aDownloadEndsHonestlyWhateverTheServerDoes(FuzzedDataProvider data) {
        int maxBytes = data.consumeInt(1, 200);
        Ending ending = data.pickValue(Ending.values());
        List<byte[]> chunks = chunks(data);
        ClientSettings settings = new ClientSettings(IDLE, IDLE, maxBytes, Optional.empty());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        CompletableFuture<Long> result = new CompletableFuture<>();
        EmbeddedChannel channel = new EmbeddedChannel(new PoetryClientInitializer(settings,
                chunk -> keep(chunk, received), result));

        long sent = 0;
        for (byte[] chunk : chunks) {
            sent += chunk.length;
            channel.writeInbound(Unpooled.copiedBuffer(chunk)); // a copy: the decoder may reuse what it is given
        }
        end(channel, ending);
        channel.checkException();

        assertTrue(result.isDone(), "the download ended");
        if (sent > maxBytes) {
            assertInstanceOf(PoemTooLongException.class, failure(result), "a poem over the limit fails");
            assertTrue(received.size() <= maxBytes, "the sink never holds more than the limit");
        } else if (ending == Ending.CLEAN_CLOSE) {
            assertEquals(sent, result.join(), "a clean close is the whole poem");
            assertArrayEquals(concat(chunks), received.toByteArray());
        } else if (ending == Ending.RESET) {
            assertInstanceOf(IOException.class, failure(result), "a reset is a failure, never a shorter poem");
        } else {
            assertInstanceOf(NoDataException.class, failure(result), "silence ends in the idle timeout");
        }
        channel.finishAndReleaseAll();
    }

    @FuzzTest(maxDuration = "60s")
    void aTransformReplyIsTheFirstWholeNetstringOrAFailure(FuzzedDataProvider data) {
        int maxReply = data.consumeInt(0, 64);
        Ending ending = data.pickValue(Ending.values());
        List<byte[]> chunks = chunks(data);
        CompletableFuture<Poem> result = new CompletableFuture<>();
        EmbeddedChannel channel = new EmbeddedChannel(new TransformClientInitializer(
                ClientSettings.DEFAULT, new TransformRequest("cummingsify", "A POEM"), maxReply, result));
        ByteBuf request = channel.readOutbound();
        request.release();

        for (byte[] chunk : chunks) {
            channel.writeInbound(Unpooled.copiedBuffer(chunk)); // a copy: the decoder may reuse what it is given
        }
        end(channel, ending);
        channel.checkException();

        assertTrue(result.isDone(), "the exchange ended");
        NetstringReference reference = NetstringReference.read(concat(chunks), maxReply);
        if (!reference.frames().isEmpty()) {
            assertArrayEquals(reference.frames().get(0), result.join().bytes(), "the first whole netstring is the reply");
        } else {
            assertTrue(result.isCompletedExceptionally(), "no whole netstring, no reply");
        }
        channel.finishAndReleaseAll();
    }

    /** An AsyncPoemSink owns each chunk: copy it, release it, report it stored. */
    private static CompletableFuture<Void> keep(ByteBuf chunk, ByteArrayOutputStream received) {
        try {
            chunk.getBytes(chunk.readerIndex(), received, chunk.readableBytes());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            chunk.release();
        }
        return CompletableFuture.completedFuture(null);
    }

    private static List<byte[]> chunks(FuzzedDataProvider data) {
        List<byte[]> chunks = new ArrayList<>();
        while (data.remainingBytes() > 0) {
            chunks.add(data.consumeBytes(data.consumeInt(1, 64)));
        }
        return chunks;
    }

    private static void end(EmbeddedChannel channel, Ending ending) {
        switch (ending) {
            case CLEAN_CLOSE -> channel.close();
            case RESET -> {
                channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
                channel.close();
            }
            case STALL -> {
                channel.advanceTimeBy(IDLE.toSeconds() + 1, TimeUnit.SECONDS);
                channel.runScheduledPendingTasks();
                channel.close();
            }
        }
    }

    private static Throwable failure(CompletableFuture<?> result) {
        assertTrue(result.isCompletedExceptionally(), "failed");
        return result.handle((value, error) -> FailureReason.unwrap(error)).join();
    }

    private static byte[] concat(List<byte[]> chunks) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.forEach(all::writeBytes);
        return all.toByteArray();
    }
}
