package dev.poetry.testing;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.protocol.EventLoops;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;

/** Proves that the blocking-call guard can fail: a sleep on an event loop must be caught and reported. */
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
    void letsOtherThreadsBlock() throws Exception {
        Thread.sleep(1);
        assertTrue(BlockingCallCheckExtension.collectBlockedCalls().isEmpty());
    }
}
