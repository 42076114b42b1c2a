package dev.poetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Backpressure towards a sink that stores off the loop: reading pauses past the bound, and the poem ends only once stored. */
class PoetryClientHandlerTest {

    private static final int CHUNK = 64 * 1024;

    /** Keeps every chunk unstored until the test stores it. */
    private static final class SlowSink implements AsyncPoemSink {
        final List<ByteBuf> chunks = new ArrayList<>();
        final List<CompletableFuture<Void>> pending = new ArrayList<>();

        @Override
        public CompletableFuture<Void> write(ByteBuf chunk) {
            CompletableFuture<Void> stored = new CompletableFuture<>();
            chunks.add(chunk);
            pending.add(stored);
            return stored;
        }

        void storeAll() {
            chunks.forEach(ByteBuf::release);
            chunks.clear();
            List<CompletableFuture<Void>> done = new ArrayList<>(pending);
            pending.clear();
            done.forEach(stored -> stored.complete(null));
        }
    }

    @Test
    void pausesReadingWhileTheSinkIsBehindAndResumesWhenItCatchesUp() {
        SlowSink sink = new SlowSink();
        CompletableFuture<Long> result = new CompletableFuture<>();
        EmbeddedChannel channel = new EmbeddedChannel(new PoetryClientHandler(ClientSettings.DEFAULT, sink, result));
        int chunks = PoetryClientHandler.MAX_UNSTORED / CHUNK;
        for (int i = 0; i < chunks; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[CHUNK]));
        }
        assertTrue(channel.config().isAutoRead(), "exactly at the bound: still reading");
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[CHUNK]));
        assertFalse(channel.config().isAutoRead(), "past the bound: reading pauses");

        sink.storeAll();
        channel.runPendingTasks();
        assertTrue(channel.config().isAutoRead(), "caught up: reading resumes");
        assertFalse(result.isDone());
        assertFalse(channel.finish());
    }

    @Test
    void anIdleTimeoutWhilePausedForTheSinkBlamesTheSinkNotTheServer() {
        SlowSink sink = new SlowSink();
        CompletableFuture<Long> result = new CompletableFuture<>();
        EmbeddedChannel channel = new EmbeddedChannel(new PoetryClientHandler(ClientSettings.DEFAULT, sink, result));
        for (int i = 0; i <= PoetryClientHandler.MAX_UNSTORED / CHUNK; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[CHUNK]));
        }
        channel.pipeline().fireExceptionCaught(ReadTimeoutException.INSTANCE);
        assertEquals("could not write the poem as fast as it came: nothing read for 30 s while waiting to write",
                FailureReason.of(result.handle((bytes, error) -> error).join()));
        sink.storeAll();
        channel.finishAndReleaseAll();
    }

    @Test
    void anIdleTimeoutWhileReadingBlamesTheServer() {
        CompletableFuture<Long> result = new CompletableFuture<>();
        EmbeddedChannel channel = new EmbeddedChannel(new PoetryClientHandler(ClientSettings.DEFAULT, new SlowSink(), result));
        channel.pipeline().fireExceptionCaught(ReadTimeoutException.INSTANCE);
        assertEquals("no data for 30 s", FailureReason.of(result.handle((bytes, error) -> error).join()));
        channel.finishAndReleaseAll();
    }

    @Test
    void thePoemEndsOnlyOnceTheSinkHasStoredItAll() {
        SlowSink sink = new SlowSink();
        CompletableFuture<Long> result = new CompletableFuture<>();
        EmbeddedChannel channel = new EmbeddedChannel(new PoetryClientHandler(ClientSettings.DEFAULT, sink, result));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[100]));
        channel.close();
        assertFalse(result.isDone(), "the server closed, but the sink has not stored the last chunk");
        sink.storeAll();
        channel.runPendingTasks();
        assertEquals(100L, result.getNow(null));
    }

    @Test
    void aFailureToStoreFailsTheDownload() {
        List<ByteBuf> held = new ArrayList<>();
        CompletableFuture<Void> stored = new CompletableFuture<>();
        CompletableFuture<Long> result = new CompletableFuture<>();
        EmbeddedChannel channel = new EmbeddedChannel(new PoetryClientHandler(ClientSettings.DEFAULT, chunk -> {
            held.add(chunk);
            return stored;
        }, result));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[100]));
        held.forEach(ByteBuf::release);
        stored.completeExceptionally(new IOException("No space left on device"));
        channel.runPendingTasks();
        assertTrue(result.isCompletedExceptionally());
        assertEquals("No space left on device", FailureReason.of(result.handle((bytes, error) -> error).join()));
        channel.finishAndReleaseAll();
    }
}
