package dev.poetry.proxy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.client.FailureReason;
import dev.poetry.client.PoemTooLongException;
import dev.poetry.server.Verbosity;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The cache under faults: whatever fails, the fetch fails plainly and the next client starts afresh. */
class PoemCacheFaultsTest {

    private final FakeUpstream upstream = new FakeUpstream();

    private PoemCache cache(Upstream source, long maxBytes, IntFunction<ByteBuffer> allocate) {
        return new PoemCache(source, Optional.empty(), maxBytes, System::nanoTime, Verbosity.NORMAL, allocate);
    }

    private static String text(PoemCache.Lease lease) {
        return lease.poem().join().all().toString(StandardCharsets.UTF_8);
    }

    @Test
    void aDownloadThatFailedBeforeItWasWatchedIsAFailureNotANullPointer() {
        AtomicInteger calls = new AtomicInteger();
        PoemCache cache = cache(sink -> calls.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new ConnectException("Connection refused"))
                : upstream.download(sink), 1 << 20, ByteBuffer::allocateDirect);
        PoemCache.Lease lease = assertDoesNotThrow(cache::acquire);
        assertTrue(lease.poem().isCompletedExceptionally());
        assertEquals(0, cache.waiting());
        PoemCache.Lease next = cache.acquire();
        upstream.get(0).finish("after the refusal");
        assertEquals("after the refusal", text(next));
    }

    @Test
    void cancellingAndCompletingRunOutsideTheCachesLock() {
        AtomicBoolean lockHeld = new AtomicBoolean();
        PoemCache[] cache = new PoemCache[1];
        cache[0] = cache(sink -> {
            CompletableFuture<Long> download = upstream.download(sink);
            download.whenComplete((bytes, error) -> lockHeld.compareAndSet(false, Thread.holdsLock(cache[0])));
            return download;
        }, 1 << 20, ByteBuffer::allocateDirect);
        cache[0].acquire().release();
        assertTrue(upstream.get(0).outcome().isCancelled());
        assertFalse(lockHeld.get(), "the upstream's close ran under the cache's monitor");

        PoemCache.Lease waiter = cache[0].acquire();
        waiter.poem().whenComplete((poem, error) -> lockHeld.compareAndSet(false, Thread.holdsLock(cache[0])));
        upstream.get(1).finish("poem");
        assertEquals("poem", text(waiter));
        assertFalse(lockHeld.get(), "a waiter's callback ran under the cache's monitor");
    }

    @Test
    void anErrorWhileKeepingThePoemFailsTheFetchAndTheNextClientGetsThePoem() {
        AtomicInteger chunks = new AtomicInteger();
        PoemCache cache = cache(upstream, 1 << 20, size -> {
            if (chunks.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Direct buffer memory");
            }
            return ByteBuffer.allocateDirect(size);
        });
        PoemCache.Lease first = cache.acquire();
        upstream.get(0).finish("lost to the error");
        assertTrue(first.poem().isCompletedExceptionally(), "the waiter is told");
        assertEquals(0, cache.waiting(), "the dead fetch is cleared");
        PoemCache.Lease next = cache.acquire();
        assertEquals(2, upstream.started(), "a fresh fetch, not the dead one");
        upstream.get(1).finish("second time lucky");
        assertEquals("second time lucky", text(next));
    }

    @Test
    void anErrorStartingTheDownloadFailsTheFetchAndTheNextClientGetsThePoem() {
        AtomicInteger calls = new AtomicInteger();
        PoemCache cache = cache(sink -> {
            if (calls.incrementAndGet() == 1) {
                throw new OutOfMemoryError("unable to create native thread");
            }
            return upstream.download(sink);
        }, 1 << 20, ByteBuffer::allocateDirect);
        PoemCache.Lease first = assertDoesNotThrow(cache::acquire);
        assertInstanceOf(OutOfMemoryError.class, FailureReason.unwrap(first.poem().handle((p, e) -> e).join()));
        PoemCache.Lease next = cache.acquire();
        upstream.get(0).finish("poem");
        assertEquals("poem", text(next));
    }

    @Test
    void aPoemLongerThanMaxBytesFailsTheFetchAtOnceAndKeepsNoMoreThanTheLimit() {
        AtomicLong allocated = new AtomicLong();
        int maxBytes = 100_000;
        PoemCache cache = cache(upstream, maxBytes, size -> {
            allocated.addAndGet(size);
            return ByteBuffer.allocateDirect(size);
        });
        PoemCache.Lease lease = cache.acquire();
        byte[] kilobyte = new byte[1000];
        int sent = 0;
        while (upstream.get(0).send(kilobyte)) {
            sent++;
            assertTrue(sent <= 100, "accepted " + sent + " KB past a 100 KB limit");
        }
        assertEquals(100, sent, "exactly the limit is accepted");
        assertInstanceOf(PoemTooLongException.class, FailureReason.unwrap(lease.poem().handle((p, e) -> e).join()));
        assertTrue(allocated.get() <= maxBytes, "allocated " + allocated + " bytes for a limit of " + maxBytes);
        assertEquals(0, cache.waiting(), "nothing in flight");
        cache.acquire();
        assertEquals(2, upstream.started(), "nothing cached: the next client fetches again");
    }

    @Test
    void aPoemOfExactlyMaxBytesIsKept() {
        PoemCache cache = cache(upstream, 5, ByteBuffer::allocateDirect);
        PoemCache.Lease lease = cache.acquire();
        upstream.get(0).finish("12345");
        assertEquals("12345", text(lease));
    }
}
