package dev.poetry.proxy;

import dev.poetry.client.FailureReason;
import dev.poetry.client.Poem;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's one poem: fetched from upstream on first demand, then served from memory.
 *
 * <ul>
 *   <li>Coalescing: clients that arrive while a fetch is in flight wait on that same fetch.
 *   <li>Reference counting: each waiting client holds a {@link Lease}; when the last one is
 *       released before the poem has arrived, the fetch is cancelled (its connection closed).
 *   <li>Only a whole poem is cached. A failed fetch fails its waiters and leaves nothing behind,
 *       so the next client tries again.
 *   <li>With a TTL, a cached poem older than that is fetched again.
 * </ul>
 *
 * <p>Leases are taken and released from many event loops, so the state is guarded by this object.
 */
public final class PoemCache {

    private static final Logger log = LoggerFactory.getLogger(PoemCache.class);

    private final Supplier<CompletableFuture<Poem>> upstream;
    private final Optional<Duration> ttl;
    private final LongSupplier nanoClock;
    private final Verbosity verbosity;

    private SharedPoem cached;
    private long cachedAtNanos;
    private Fetch inFlight;
    private int fetchesStarted;

    /**
     * @param upstream starts one download of the poem; cancelling its future must abort it
     * @param ttl how long a cached poem stays fresh; empty for ever
     * @param nanoClock {@link System#nanoTime()} except in tests
     * @param verbosity whether every cache hit is logged
     */
    public PoemCache(Supplier<CompletableFuture<Poem>> upstream, Optional<Duration> ttl, LongSupplier nanoClock,
                     Verbosity verbosity) {
        this.upstream = upstream;
        this.ttl = ttl;
        this.nanoClock = nanoClock;
        this.verbosity = verbosity;
    }

    /** A claim on the poem: ready at once from the cache, or when the (shared) fetch completes. */
    public synchronized Lease acquire() {
        if (cached != null && fresh()) {
            if (verbosity.perConnection()) {
                log.info("Using cached poem.");
            }
            return new Lease(null, CompletableFuture.completedFuture(cached));
        }
        cached = null;
        if (inFlight == null) {
            log.info("Fetching poem from server.");
            inFlight = new Fetch(upstream.get());
            fetchesStarted++;
            Fetch fetch = inFlight;
            fetch.download.whenComplete((poem, error) -> finished(fetch, poem, error));
        }
        inFlight.waiters++;
        return new Lease(inFlight, inFlight.poem);
    }

    private boolean fresh() {
        return ttl.isEmpty() || nanoClock.getAsLong() - cachedAtNanos < ttl.get().toNanos();
    }

    private void finished(Fetch fetch, Poem poem, Throwable error) {
        SharedPoem arrived = error == null ? SharedPoem.of(poem.bytes()) : null;
        synchronized (this) {
            if (inFlight == fetch) {
                inFlight = null;
            }
            if (arrived != null) {
                cached = arrived;
                cachedAtNanos = nanoClock.getAsLong();
            }
        }
        if (arrived != null) {
            fetch.poem.complete(arrived);
        } else {
            if (!fetch.download.isCancelled()) {
                log.info("Could not fetch the poem: {}; nothing cached, the next client will try again", FailureReason.of(error));
            }
            fetch.poem.completeExceptionally(error);
        }
    }

    private synchronized void releaseWaiter(Fetch fetch) {
        if (fetch.download.isDone() || --fetch.waiters > 0) {
            return;
        }
        log.info("Canceling poem download.");
        if (inFlight == fetch) {
            inFlight = null;
        }
        fetch.download.cancel(true);
    }

    /** Clients waiting on the fetch in flight; 0 when none is. */
    public synchronized int waiting() {
        return inFlight == null ? 0 : inFlight.waiters;
    }

    /** How many upstream downloads were started so far. */
    public synchronized int fetchesStarted() {
        return fetchesStarted;
    }

    /** One upstream download and the clients waiting for it. */
    private static final class Fetch {
        final CompletableFuture<Poem> download;
        /** What waiters see: completed only after the cache has been updated, so a hit follows. */
        final CompletableFuture<SharedPoem> poem = new CompletableFuture<>();
        int waiters;

        Fetch(CompletableFuture<Poem> download) {
            this.download = download;
        }
    }

    /** One client's claim on the poem. Release it if the client leaves before the poem is delivered. */
    public final class Lease {
        private final Fetch fetch;
        private final CompletableFuture<SharedPoem> poem;
        private boolean released;

        private Lease(Fetch fetch, CompletableFuture<SharedPoem> poem) {
            this.fetch = fetch;
            this.poem = poem;
        }

        public CompletableFuture<SharedPoem> poem() {
            return poem;
        }

        /** Idempotent; cancels the fetch if this was its last waiter and the poem has not arrived. */
        public void release() {
            synchronized (PoemCache.this) {
                if (released || fetch == null) {
                    return;
                }
                released = true;
                releaseWaiter(fetch);
            }
        }
    }
}
