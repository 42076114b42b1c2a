package dev.poetry.testing;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.net.EventLoops;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockingOperationError;

/** Proves that the blocking-call guard can fail: a sleep, a lookup or a file write on an event loop must be caught and reported. */
class BlockingCallCheckExtensionTest {

    @Test
    void catchesASleepOnAnEventLoop() throws Exception {
        try (EventLoops loops = EventLoops.create(1)) {
            Future<?> slept = loops.group().submit(() -> {
                Thread.sleep(1);
                return null;
            });
            assertTrue(slept.await(10, TimeUnit.SECONDS));
            assertInstanceOf(BlockingOperationError.class, slept.cause());
        }
        List<String> blocked = BlockingCallCheckExtension.collectBlockedCalls();
        assertTrue(blocked.stream().anyMatch(call -> call.contains("sleep") && call.contains("poetry-io")), String.valueOf(blocked));
    }

    @Test
    void catchesAJdkNameLookupOnAnEventLoop() throws Exception {
        try (EventLoops loops = EventLoops.create(1)) {
            Future<?> looked = loops.group().submit(() -> InetAddress.getByName("localhost"));
            assertTrue(looked.await(10, TimeUnit.SECONDS));
            assertInstanceOf(BlockingOperationError.class, looked.cause());
        }
        assertTrue(BlockingCallCheckExtension.collectBlockedCalls().stream().anyMatch(call -> call.contains("InetAddress")));
    }

    @Test
    void catchesAFileChannelWriteOnAnEventLoop(@TempDir Path dir) throws Exception {
        try (EventLoops loops = EventLoops.create(1);
             FileChannel file = FileChannel.open(dir.resolve("poem.txt"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Future<?> written = loops.group().submit(() -> file.write(ByteBuffer.wrap("a line\n".getBytes(StandardCharsets.US_ASCII))));
            assertTrue(written.await(10, TimeUnit.SECONDS));
            assertInstanceOf(BlockingOperationError.class, written.cause());
        }
        List<String> blocked = BlockingCallCheckExtension.collectBlockedCalls();
        assertTrue(blocked.stream().anyMatch(call -> call.contains("FileChannelImpl.write")), String.valueOf(blocked));
    }

    @Test
    void catchesFilesWriteOnAnEventLoop(@TempDir Path dir) throws Exception {
        try (EventLoops loops = EventLoops.create(1)) {
            Future<?> written = loops.group().submit(() -> Files.writeString(dir.resolve("poem.txt"), "a line\n"));
            assertTrue(written.await(10, TimeUnit.SECONDS));
            assertInstanceOf(BlockingOperationError.class, written.cause());
        }
        assertTrue(BlockingCallCheckExtension.collectBlockedCalls().stream().anyMatch(call -> call.contains("FileChannelImpl")));
    }

    @Test
    void letsOtherThreadsBlock(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("poem.txt"), "a line\n");
        Thread.sleep(1);
        assertTrue(BlockingCallCheckExtension.collectBlockedCalls().isEmpty());
    }
}
