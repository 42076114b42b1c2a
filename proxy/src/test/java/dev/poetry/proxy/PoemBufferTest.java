package dev.poetry.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.client.PoemTooLongException;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PoemBufferTest {

    private static long directBytesInUse() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    @Test
    void aFailedFetchGivesItsDirectMemoryBackAtOnceNotAtTheNextCollection() throws IOException {
        PoemBuffer buffer = new PoemBuffer(64 << 20, ByteBuffer::allocateDirect);
        byte[] chunk = new byte[1 << 20];
        long before = directBytesInUse();
        for (int i = 0; i < 32; i++) {
            buffer.accept(Unpooled.wrappedBuffer(chunk));
        }
        long filled = directBytesInUse();
        assertTrue(filled - before >= 32 << 20, "32 MiB received into direct memory: " + (filled - before));
        buffer.discard();
        assertTrue(filled - directBytesInUse() >= 32 << 20, "freed without a collection: " + (filled - directBytesInUse()));
        assertThrows(IOException.class, () -> buffer.accept(Unpooled.wrappedBuffer(chunk)), "nothing lands after the end");
    }

    @Test
    void aSealedPoemKeepsItsBytesWhateverDiscardSaysLater() throws IOException {
        PoemBuffer buffer = new PoemBuffer(1 << 20, ByteBuffer::allocateDirect);
        buffer.accept(Unpooled.wrappedBuffer("a poem\n".getBytes()));
        var poem = buffer.seal();
        buffer.discard();
        assertEquals("a poem\n", new String(ByteBufUtil.getBytes(poem.all())));
    }

    @Test
    void moreThanTheLimitFailsBeforeAByteIsKept() {
        PoemBuffer buffer = new PoemBuffer(4, ByteBuffer::allocateDirect);
        assertThrows(PoemTooLongException.class, () -> buffer.accept(Unpooled.wrappedBuffer(new byte[5])));
        assertEquals(0, buffer.received());
    }
}
