package dev.poetry.proxy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.client.Poem;
import dev.poetry.server.Verbosity;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PoemCacheFaultsTest {

    @Test
    void aDownloadThatFailedBeforeItWasWatchedIsAFailureNotANullPointer() {
        PoemCache cache = new PoemCache(() -> CompletableFuture.failedFuture(new ConnectException("Connection refused")),
                Optional.empty(), System::nanoTime, Verbosity.NORMAL);
        PoemCache.Lease lease = assertDoesNotThrow(cache::acquire);
        assertTrue(lease.poem().isCompletedExceptionally());
    }

    @Test
    void cancellingRunsOutsideTheCachesLock() {
        AtomicBoolean lockHeld = new AtomicBoolean();
        PoemCache[] cache = new PoemCache[1];
        cache[0] = new PoemCache(() -> {
            CompletableFuture<Poem> download = new CompletableFuture<>();
            download.whenComplete((poem, error) -> lockHeld.set(Thread.holdsLock(cache[0])));
            return download;
        }, Optional.empty(), System::nanoTime, Verbosity.NORMAL);
        cache[0].acquire().release();
        assertFalse(lockHeld.get(), "the upstream's close ran under the cache's monitor");
    }

    @Test
    void aFailureWhileCachingFailsTheFetchAndTheNextClientFetchesAfresh() {
        List<CompletableFuture<Poem>> downloads = new ArrayList<>();
        PoemCache cache = new PoemCache(() -> {
            CompletableFuture<Poem> download = new CompletableFuture<>();
            downloads.add(download);
            return download;
        }, Optional.empty(), System::nanoTime, Verbosity.NORMAL);
        PoemCache.Lease first = cache.acquire();
        downloads.get(0).complete(null); // caching it throws
        assertTrue(first.poem().isCompletedExceptionally(), "the waiter is told");
        cache.acquire();
        assertTrue(downloads.size() == 2, "a fresh fetch, not the dead one");
    }
}
