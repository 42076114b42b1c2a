package dev.poetry.client;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * A poem gathered in memory as it arrives, in chunks that grow with it (64 KiB up to 4 MiB), so
 * that nothing is copied while it grows and at most one array's tail is unused. The bytes are
 * copied into one array only once the poem is whole; a download that fails drops its chunks
 * without that copy. So a poem that stops at {@code --max-bytes} costs the limit once, not the
 * three or four times a doubling buffer and a final copy would.
 *
 * <p>Filled by one thread at a time (the connection's loop or a task's thread).
 */
public final class PoemCollector implements PoemSink {

    private static final int FIRST_CHUNK = 64 << 10;
    private static final int LARGEST_CHUNK = 4 << 20;

    private final List<byte[]> chunks = new ArrayList<>();
    private int usedInLast;
    private long length;

    @Override
    public void accept(ByteBuf chunk) {
        int index = chunk.readerIndex();
        int left = chunk.readableBytes();
        while (left > 0) {
            if (chunks.isEmpty() || usedInLast == chunks.get(chunks.size() - 1).length) {
                chunks.add(new byte[(int) Math.max(FIRST_CHUNK, Math.min(LARGEST_CHUNK, length))]);
                usedInLast = 0;
            }
            byte[] last = chunks.get(chunks.size() - 1);
            int n = Math.min(left, last.length - usedInLast);
            chunk.getBytes(index, last, usedInLast, n);
            usedInLast += n;
            index += n;
            left -= n;
            length += n;
        }
    }

    public long length() {
        return length;
    }

    /** The whole poem, copied once into one array; the chunks are let go. */
    public Poem poem() {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a poem of " + length + " bytes does not fit in one array");
        }
        byte[] whole = new byte[(int) length];
        int at = 0;
        for (int i = 0; i < chunks.size(); i++) {
            byte[] chunk = chunks.get(i);
            int n = i == chunks.size() - 1 ? usedInLast : chunk.length;
            System.arraycopy(chunk, 0, whole, at, n);
            at += n;
            chunks.set(i, null); // each chunk may go as soon as it is copied
        }
        chunks.clear();
        return Poem.owning(whole);
    }
}
