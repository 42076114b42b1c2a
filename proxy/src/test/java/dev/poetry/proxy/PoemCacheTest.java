package dev.poetry.proxy;

import dev.poetry.server.Verbosity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.client.Poem;
import dev.poetry.server.SharedPoem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PoemCacheTest {

    private final List<CompletableFuture<Poem>> downloads = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();

    private PoemCache cache(Optional<Duration> ttl) {
        return new PoemCache(() -> {
            CompletableFuture<Poem> download = new CompletableFuture<>();
            downloads.add(download);
            return download;
        }, ttl, clock::get, Verbosity.NORMAL);
    }

    private static String text(CompletableFuture<SharedPoem> poem) {
        return poem.join().all().toString(StandardCharsets.UTF_8);
    }

    @Test
    void fetchesOnceForEveryoneWhoArrivesDuringTheFetchThenServesFromMemory() {
        PoemCache cache = cache(Optional.empty());
        PoemCache.Lease first = cache.acquire();
        PoemCache.Lease second = cache.acquire();
        assertEquals(1, downloads.size());
        assertEquals(2, cache.waiting());
        downloads.get(0).complete(Poem.of("a poem\n"));
        assertEquals("a poem\n", text(first.poem()));
        assertEquals("a poem\n", text(second.poem()));
        PoemCache.Lease later = cache.acquire();
        assertTrue(later.poem().isDone(), "a hit is ready at once");
        assertEquals(1, downloads.size());
    }

    @Test
    void cancelsOnlyWhenTheLastWaiterLeaves() {
        PoemCache cache = cache(Optional.empty());
        PoemCache.Lease first = cache.acquire();
        PoemCache.Lease second = cache.acquire();
        first.release();
        first.release(); // twice is once
        assertFalse(downloads.get(0).isCancelled());
        second.release();
        assertTrue(downloads.get(0).isCancelled());
        assertEquals(0, cache.waiting());

        PoemCache.Lease next = cache.acquire();
        assertEquals(2, downloads.size(), "a client after the cancel starts a new fetch");
        downloads.get(1).complete(Poem.of("x"));
        assertEquals("x", text(next.poem()));
    }

    @Test
    void releasingAfterDeliveryCancelsNothing() {
        PoemCache cache = cache(Optional.empty());
        PoemCache.Lease lease = cache.acquire();
        downloads.get(0).complete(Poem.of("done"));
        lease.release();
        assertFalse(downloads.get(0).isCancelled());
        assertTrue(cache.acquire().poem().isDone());
    }

    @Test
    void neverCachesAFailure() {
        PoemCache cache = cache(Optional.empty());
        PoemCache.Lease lease = cache.acquire();
        downloads.get(0).completeExceptionally(new IOException("Connection reset by peer"));
        assertTrue(lease.poem().isCompletedExceptionally());
        PoemCache.Lease retry = cache.acquire();
        assertEquals(2, downloads.size());
        downloads.get(1).complete(Poem.of("second time lucky"));
        assertEquals("second time lucky", text(retry.poem()));
    }

    @Test
    void fetchesAgainOnceTheTtlHasPassed() {
        PoemCache cache = cache(Optional.of(Duration.ofSeconds(10)));
        cache.acquire();
        downloads.get(0).complete(Poem.of("old"));
        clock.addAndGet(Duration.ofSeconds(9).toNanos());
        assertEquals("old", text(cache.acquire().poem()));
        assertEquals(1, downloads.size());
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        PoemCache.Lease fresh = cache.acquire();
        assertEquals(2, downloads.size());
        downloads.get(1).complete(Poem.of("new"));
        assertEquals("new", text(fresh.poem()));
    }
}
