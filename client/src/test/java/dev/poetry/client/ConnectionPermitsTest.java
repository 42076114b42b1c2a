package dev.poetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionPermitsTest {

    @Test
    void startsWhatFitsAndHandsEachReleasedPermitToTheNextInLine() {
        ConnectionPermits permits = new ConnectionPermits(2);
        List<Integer> started = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            int task = i;
            permits.whenAvailable(() -> started.add(task));
        }
        assertEquals(List.of(1, 2), started);
        permits.release();
        assertEquals(List.of(1, 2, 3), started);
        permits.release();
        permits.release();
        permits.release();
        assertEquals(List.of(1, 2, 3, 4), started);
    }

    @Test
    void aBlockingAcquireWaitsForARelease() throws Exception {
        ConnectionPermits permits = new ConnectionPermits(1);
        permits.acquire();
        CountDownLatch acquired = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                permits.acquire();
                acquired.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        assertFalse(acquired.await(200, TimeUnit.MILLISECONDS), "no permit was free");
        permits.release();
        assertTrue(acquired.await(10, TimeUnit.SECONDS));
        waiter.join(10_000);
    }

    @Test
    void theDefaultLeavesAReserveButAlwaysAllowsOne() {
        assertTrue(ConnectionPermits.defaultLimit() >= 1);
        FileDescriptors.limit().ifPresent(limit ->
                assertEquals(Math.max(1, Math.min(Integer.MAX_VALUE, limit - ConnectionPermits.RESERVED_DESCRIPTORS)), ConnectionPermits.defaultLimit()));
    }
}
