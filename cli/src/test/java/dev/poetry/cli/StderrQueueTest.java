package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StderrQueueTest {

    @Test
    void writesLinesAndChatterInTheOrderTheyWereHandedOver() {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        StderrQueue queue = new StderrQueue(new PrintWriter(written, true, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(queue, true);
        err.println("one");
        assertTrue(queue.chatter("two\n"));
        err.print("three");
        assertTrue(queue.chatter("\n"), "chatter follows unflushed text, not ahead of it");
        err.println("four");
        queue.close();
        assertEquals("one\ntwo\nthree\nfour\n", written.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    /** A reader of stderr that has paused: whoever hands text over does not wait, and chatter stops at its bound. */
    @Test
    void neverWaitsForAPausedReaderAndDropsChatterPastItsBound() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch firstWrite = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream paused = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                firstWrite.countDown();
                try {
                    reading.await(); // the reader's pause, until the test lets it read
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.write(bytes, offset, length);
            }
        };
        StderrQueue queue = new StderrQueue(new PrintWriter(paused, true, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(queue, true);
        err.println("first line");
        assertTrue(firstWrite.await(10, TimeUnit.SECONDS), "the writing thread is stuck in the first write");
        String line = "x".repeat(99) + "\n";
        int taken = 0;
        while (queue.chatter(line)) {
            taken++;
        }
        assertEquals(StderrQueue.MAX_WAITING_CHATTER / line.length(), taken, "chatter is taken up to its bound, then refused");
        err.println("a failure line waits its turn all the same");
        assertFalse(queue.chatter(line));
        reading.countDown();
        queue.close();
        String all = written.toString(StandardCharsets.UTF_8);
        assertTrue(all.startsWith("first line"), all.substring(0, 20));
        assertTrue(all.strip().endsWith("a failure line waits its turn all the same"));
        assertEquals(taken, all.lines().filter(l -> l.startsWith("xxx")).count());
    }
}
