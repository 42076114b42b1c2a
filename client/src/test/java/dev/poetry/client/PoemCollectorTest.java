package dev.poetry.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PoemCollectorTest {

    @Test
    void chunksOfAnySizeComeOutAsOneArrayInOrder() {
        byte[] poem = new byte[9 << 20]; // several chunks, the last one partly used
        new Random(7).nextBytes(poem);
        PoemCollector collector = new PoemCollector();
        Random sizes = new Random(11);
        for (int at = 0; at < poem.length; ) {
            int n = Math.min(poem.length - at, 1 + sizes.nextInt(200_000));
            collector.accept(Unpooled.wrappedBuffer(poem, at, n));
            at += n;
        }
        assertEquals(poem.length, collector.length());
        assertArrayEquals(poem, collector.poem().bytes());
    }

    @Test
    void nothingCollectedIsTheEmptyPoem() {
        assertEquals(0, new PoemCollector().poem().length());
    }
}
