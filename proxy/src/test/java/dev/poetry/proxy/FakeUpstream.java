package dev.poetry.proxy;

import dev.poetry.client.PoemSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An upstream a test drives by hand: each download waits until the test feeds and ends it. */
final class FakeUpstream implements Upstream {

    /** One download: where its bytes go and its outcome. */
    record Download(PoemSink sink, CompletableFuture<Long> outcome) {

        /** Sends {@code text} and closes cleanly, as a whole poem ends; a sink's failure fails the download. */
        void finish(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (send(bytes)) {
                outcome.complete((long) bytes.length);
            }
        }

        /** Passes {@code bytes} to the sink as the client does; false when the sink failed the download. */
        boolean send(byte[] bytes) {
            ByteBuf chunk = Unpooled.wrappedBuffer(bytes);
            try {
                sink.accept(chunk);
                return true;
            } catch (IOException | RuntimeException e) {
                outcome.completeExceptionally(e);
                return false;
            } finally {
                chunk.release();
            }
        }
    }

    final List<Download> downloads = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<Long> download(PoemSink sink) {
        Download download = new Download(sink, new CompletableFuture<>());
        downloads.add(download);
        return download.outcome();
    }

    synchronized Download get(int index) {
        return downloads.get(index);
    }

    synchronized int started() {
        return downloads.size();
    }
}
