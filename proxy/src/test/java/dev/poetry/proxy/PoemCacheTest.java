package dev.poetry.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PoemCacheTest {

    private final FakeUpstream upstream = new FakeUpstream();
    private final AtomicLong clock = new AtomicLong();

    private PoemCache cache(Optional<Duration> ttl) {
        return new PoemCache(upstream, ttl, 1 << 20, clock::get, Verbosity.NORMAL);
    }

    private static String text(CompletableFuture<SharedPoem> poem) {
        return poem.join().all().toString(StandardCharsets.UTF_8);
    }

    @Test
    void fetchesOnceForEveryoneWhoArrivesDuringTheFetchThenServesFromMemory() {
        PoemCache cache = cache(Optional.empty());
        PoemCache.Lease first = cache.acquire();
        PoemCache.Lease second = cache.acquire();
        assertEquals(1, upstream.started());
        assertEquals(2, cache.waiting());
        upstream.get(0).finish("a poem\n");
        assertEquals("a poem\n", text(first.poem()));
        assertEquals("a poem\n", text(second.poem()));
        PoemCache.Lease later = cache.acquire();
        assertTrue(later.poem().isDone(), "a hit is ready at once");
        assertEquals(1, upstream.started());
    }

    @Test
    void keepsAPoemThatArrivesInManyChunksAcrossChunkBoundaries() {
        PoemCache cache = cache(Optional.empty());
        PoemCache.Lease lease = cache.acquire();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            String line = "line " + i + " of a long poem\n";
            expected.append(line);
            assertTrue(upstream.get(0).send(line.getBytes(StandardCharsets.UTF_8)));
        }
        upstream.get(0).outcome().complete((long) expected.length());
        assertEquals(expected.toString(), text(lease.poem()));
        assertEquals(expected.length(), lease.poem().join().length());
    }

    @Test
    void cancelsOnlyWhenTheLastWaiterLeaves() {
        PoemCache cache = cache(Optional.empty());
        PoemCache.Lease first = cache.acquire();
        PoemCache.Lease second = cache.acquire();
        first.release();
        first.release(); // twice is once
        assertFalse(upstream.get(0).outcome().isCancelled());
        second.release();
        assertTrue(upstream.get(0).outcome().isCancelled());
        assertEquals(0, cache.waiting());

        PoemCache.Lease next = cache.acquire();
        assertEquals(2, upstream.started(), "a client after the cancel starts a new fetch");
        upstream.get(1).finish("x");
        assertEquals("x", text(next.poem()));
    }

    @Test
    void releasingAfterDeliveryCancelsNothing() {
        PoemCache cache = cache(Optional.empty());
        PoemCache.Lease lease = cache.acquire();
        upstream.get(0).finish("done");
        lease.release();
        assertFalse(upstream.get(0).outcome().isCancelled());
        assertTrue(cache.acquire().poem().isDone());
    }

    @Test
    void neverCachesAFailure() {
        PoemCache cache = cache(Optional.empty());
        PoemCache.Lease lease = cache.acquire();
        upstream.get(0).send("Alla sera, ".getBytes(StandardCharsets.UTF_8));
        upstream.get(0).outcome().completeExceptionally(new IOException("Connection reset by peer"));
        assertTrue(lease.poem().isCompletedExceptionally());
        PoemCache.Lease retry = cache.acquire();
        assertEquals(2, upstream.started());
        upstream.get(1).finish("second time lucky");
        assertEquals("second time lucky", text(retry.poem()));
    }

    @Test
    void fetchesAgainOnceTheTtlHasPassed() {
        PoemCache cache = cache(Optional.of(Duration.ofSeconds(10)));
        cache.acquire();
        upstream.get(0).finish("old");
        clock.addAndGet(Duration.ofSeconds(9).toNanos());
        assertEquals("old", text(cache.acquire().poem()));
        assertEquals(1, upstream.started());
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        PoemCache.Lease fresh = cache.acquire();
        assertEquals(2, upstream.started());
        upstream.get(1).finish("new");
        assertEquals("new", text(fresh.poem()));
    }

    @Test
    void dropForgetsTheCachedPoemSoTheNextClientFetchesAgain() {
        PoemCache cache = cache(Optional.empty());
        cache.acquire();
        upstream.get(0).finish("short by a crash");
        cache.drop("test");
        PoemCache.Lease next = cache.acquire();
        assertEquals(2, upstream.started());
        upstream.get(1).finish("whole");
        assertEquals("whole", text(next.poem()));
    }

    @Test
    void dropLeavesAFetchInFlightAlone() {
        PoemCache cache = cache(Optional.empty());
        PoemCache.Lease waiting = cache.acquire();
        cache.drop("test");
        assertEquals(1, cache.waiting());
        upstream.get(0).finish("fresh");
        assertEquals("fresh", text(waiting.poem()));
        assertTrue(cache.acquire().poem().isDone(), "cached as usual");
    }
}
