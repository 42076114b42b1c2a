package dev.poetry.server.transform;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.testing.Await;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransformWorkersTest {

    @Test
    void holdsWorkersPlusQueueLengthRequestsAndRefusesOneMore() throws Exception {
        TransformWorkers workers = new TransformWorkers(1, 2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        Runnable blocked = () -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.incrementAndGet();
        };
        try {
            for (int i = 0; i < 3; i++) {
                workers.execute(blocked);
            }
            assertThrows(RejectedExecutionException.class, () -> workers.execute(blocked));
            release.countDown();
            Await.until(() -> done.get() == 3, Duration.ofSeconds(10), "the three requests done");
            workers.execute(done::incrementAndGet);
            Await.until(() -> done.get() == 4, Duration.ofSeconds(10), "room again once they are done");
        } finally {
            release.countDown();
            workers.shutdownNow();
        }
        assertThrows(RejectedExecutionException.class, () -> workers.execute(done::incrementAndGet));
        assertTrue(done.get() == 4);
    }
}
