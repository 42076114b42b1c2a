package dev.poetry.proxy;

import dev.poetry.client.PoemSink;
import dev.poetry.client.PoemTooLongException;
import dev.poetry.server.PeerText;
import dev.poetry.server.SharedPoem;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Where a fetch lands: each received byte is copied once, into chunks that become the cached
 * poem itself, so the cache never holds a second copy; at most {@code maxBytes} are kept.
 * Chunks grow with the poem (8 KiB up to 4 MiB), so nothing is copied again as it grows and the
 * unused tail is at most one chunk.
 *
 * <p>Filled on the upstream connection's event loop, then sealed on that loop, or discarded from
 * whichever thread learns that the fetch failed (a cancelling client's loop, say). A failed
 * fetch's chunks are freed at once rather than when the garbage collector gets round to them:
 * otherwise every failed fetch of an endless upstream would hold {@code maxBytes} of direct
 * memory until the next collection. Filling and freeing take this object's lock, which is never
 * contended but for that one moment, so memory is never freed under a copy into it.
 */
final class PoemBuffer implements PoemSink {

    private static final int FIRST_CHUNK = 8 << 10;
    private static final int LARGEST_CHUNK = 4 << 20;

    private final long maxBytes;
    private final IntFunction<ByteBuffer> allocate;
    private final List<ByteBuffer> chunks = new ArrayList<>();
    private long received;
    private boolean sealed;
    private boolean discarded;

    /** @param allocate makes a chunk: {@link ByteBuffer#allocateDirect} except in tests that inject a failure */
    PoemBuffer(long maxBytes, IntFunction<ByteBuffer> allocate) {
        if (maxBytes < 0 || maxBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBytes must be 0 to " + Integer.MAX_VALUE + ", not " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.allocate = allocate;
    }

    @Override
    public synchronized void accept(ByteBuf chunk) throws IOException {
        if (discarded) {
            throw new IOException("the fetch has ended");
        }
        if (sealed) {
            throw new IllegalStateException("bytes after the poem was sealed");
        }
        if (chunk.readableBytes() > maxBytes - received) {
            throw new PoemTooLongException(maxBytes);
        }
        try {
            copy(chunk);
        } catch (RuntimeException | Error e) {
            // Out of direct memory, say: this fetch fails, the rest of the proxy carries on.
            throw new IOException("could not keep the poem: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + PeerText.quote(e.getMessage())), e);
        }
    }

    private void copy(ByteBuf chunk) {
        int index = chunk.readerIndex();
        int left = chunk.readableBytes();
        while (left > 0) {
            ByteBuffer last = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
            if (last == null || !last.hasRemaining()) {
                last = allocate.apply(nextChunkSize());
                chunks.add(last);
            }
            int n = Math.min(left, last.remaining());
            ByteBuffer target = last.duplicate().limit(last.position() + n);
            chunk.getBytes(index, target);
            last.position(last.position() + n);
            index += n;
            left -= n;
            received += n;
        }
    }

    private int nextChunkSize() {
        long grown = Math.max(FIRST_CHUNK, Math.min(LARGEST_CHUNK, received));
        return (int) Math.max(1, Math.min(grown, maxBytes - received));
    }

    long received() {
        return received;
    }

    /** Frees what a failed fetch received; idempotent, and harmless after {@link #seal}, which keeps its chunks. */
    synchronized void discard() {
        if (sealed || discarded) {
            return;
        }
        discarded = true;
        for (ByteBuffer chunk : chunks) {
            DirectMemory.free(chunk);
        }
        chunks.clear();
    }

    /** The poem as received, for every client to be written from; nothing may be added afterwards. */
    synchronized SharedPoem seal() {
        sealed = true;
        ByteBuffer[] filled = new ByteBuffer[chunks.size()];
        for (int i = 0; i < filled.length; i++) {
            filled[i] = chunks.get(i).duplicate().flip();
        }
        return SharedPoem.wrap(Unpooled.wrappedBuffer(filled));
    }
}
