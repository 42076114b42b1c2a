package dev.poetry.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

/** Proves that the leak check can fail: a buffer dropped unreleased must be reported. */
class LeakCheckExtensionTest {

    @Test
    void runsAtParanoid() {
        assertTrue(ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID,
                "surefire must run with -Dio.netty.leakDetection.level=PARANOID");
    }

    @Test
    void reportsABufferThatWasNeverReleased() {
        leakOne();
        boolean seen = false;
        for (int attempt = 0; attempt < 20 && !seen; attempt++) {
            seen = LeakCheckExtension.collectLeaks().stream().anyMatch(leak -> leak.contains("leakOne"));
        }
        assertTrue(seen, "the deliberate leak was not reported");
        assertFalse(LeakCheckExtension.collectLeaks().stream().anyMatch(leak -> leak.contains("leakOne")));
    }

    private static void leakOne() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer(16);
        buf.writeInt(42);
    }
}
