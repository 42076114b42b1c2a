package dev.poetry.proxy;

import dev.poetry.client.FailureReason;
import dev.poetry.proxy.CacheState.Cached;
import dev.poetry.proxy.CacheState.Fetching;
import dev.poetry.server.FailureLog;
import dev.poetry.server.PeerText;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's one poem: fetched from upstream on first demand, then served from memory.
 *
 * <ul>
 *   <li>Coalescing: clients that arrive while a fetch is in flight wait on that same fetch.
 *   <li>Reference counting: each waiting client holds a {@link Lease}; when the last one is
 *       released before the poem has arrived, the fetch is cancelled (its connection closed).
 *   <li>Only a whole poem is cached. A failed fetch, whatever failed (the upstream, the size
 *       limit, or any {@link Throwable} while keeping the poem), fails its waiters, is logged once
 *       and leaves nothing behind, so the next client fetches afresh.
 *   <li>With a TTL, a cached poem older than that is fetched again; {@link #drop} forgets it now.
 * </ul>
 *
 * <p>Leases are taken and released from many event loops, so the state is guarded by this object.
 * Under the lock the cache only decides; starting, cancelling and completing a fetch run after the
 * lock is released, since they run other code (the upstream's close, every waiter's callback).
 */
public final class PoemCache {

    private static final Logger log = LoggerFactory.getLogger(PoemCache.class);

    private final Upstream upstream;
    private final Optional<Duration> ttl;
    private final long maxBytes;
    private final IntFunction<ByteBuffer> allocateChunk;
    private final LongSupplier nanoClock;
    private final Verbosity verbosity;
    private final FailureLog failures = FailureLog.standard(log);

    private CacheState state = CacheState.EMPTY;
    private int fetchesStarted;

    /**
     * @param upstream starts one download of the poem; cancelling its future must abort it
     * @param ttl how long a cached poem stays fresh; empty for ever
     * @param maxBytes the longest poem kept; a longer one fails its fetch
     * @param nanoClock {@link System#nanoTime()} except in tests
     * @param verbosity whether fetches and hits are logged
     */
    public PoemCache(Upstream upstream, Optional<Duration> ttl, long maxBytes, LongSupplier nanoClock, Verbosity verbosity) {
        this(upstream, ttl, maxBytes, nanoClock, verbosity, ByteBuffer::allocateDirect);
    }

    /** @param allocateChunk makes room for the poem as it arrives; tests inject a failure here */
    PoemCache(Upstream upstream, Optional<Duration> ttl, long maxBytes, LongSupplier nanoClock, Verbosity verbosity,
              IntFunction<ByteBuffer> allocateChunk) {
        if (maxBytes < 0 || maxBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBytes must be 0 to " + Integer.MAX_VALUE + ", not " + maxBytes);
        }
        this.upstream = upstream;
        this.ttl = ttl;
        this.maxBytes = maxBytes;
        this.nanoClock = nanoClock;
        this.verbosity = verbosity;
        this.allocateChunk = allocateChunk;
    }

    /** A claim on the poem: ready at once from the cache, or when the (shared) fetch completes. */
    public Lease acquire() {
        Fetch fetch;
        boolean start = false;
        synchronized (this) {
            if (state instanceof Cached cached && fresh(cached)) {
                if (verbosity.perConnection()) {
                    log.info("Using cached poem.");
                }
                return new Lease(null, CompletableFuture.completedFuture(cached.poem()));
            }
            if (state instanceof Fetching fetching) {
                fetch = fetching.fetch();
            } else {
                fetch = new Fetch(new PoemBuffer(maxBytes, allocateChunk));
                state = new Fetching(fetch);
                fetchesStarted++;
                start = true;
            }
            fetch.waiters++;
        }
        if (start) {
            start(fetch);
        }
        return new Lease(fetch, fetch.poem);
    }

    private boolean fresh(Cached cached) {
        return ttl.isEmpty() || nanoClock.getAsLong() - cached.atNanos() < ttl.get().toNanos();
    }

    private void start(Fetch fetch) {
        try {
            if (verbosity.perConnection()) {
                log.info("Fetching poem from server.");
            }
            CompletableFuture<Long> download = upstream.download(fetch.buffer);
            fetch.abandoned.whenComplete((nothing, error) -> download.cancel(true));
            download.whenComplete((bytes, error) -> settle(fetch, error));
        } catch (RuntimeException | Error e) {
            settle(fetch, e);
        }
    }

    /**
     * The download has ended: cache the poem if it is whole and still wanted, then tell the waiters.
     * Whatever throws on the way, the state moves on and the waiters are told.
     */
    private void settle(Fetch fetch, Throwable error) {
        if (fetch.poem.isDone()) {
            return; // settled already, by an earlier failure on the way
        }
        SharedPoem poem = null;
        Throwable failure = error;
        if (failure == null) {
            try {
                poem = fetch.buffer.seal();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }
        synchronized (this) {
            if (state instanceof Fetching fetching && fetching.fetch() == fetch) {
                state = poem != null ? new Cached(poem, nanoClock.getAsLong()) : CacheState.EMPTY;
            }
        }
        if (poem != null) {
            fetch.poem.complete(poem);
            return;
        }
        fetch.buffer.discard();
        try {
            if (!(FailureReason.unwrap(failure) instanceof CancellationException)) {
                failures.failure("could not fetch the poem",
                        "Could not fetch the poem: " + describe(failure) + "; nothing cached, the next client fetches it again");
            }
        } finally {
            fetch.poem.completeExceptionally(failure);
        }
    }

    /** The network's and our own failures in their usual words; anything else by its type and quoted message. */
    private static String describe(Throwable failure) {
        Throwable cause = FailureReason.unwrap(failure);
        if (cause instanceof IOException) {
            return FailureReason.of(cause);
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + PeerText.quote(cause.getMessage()));
    }

    /** Forgets the cached poem, if any (a fetch in flight is left alone), and logs it: for an operator who knows better. */
    public void drop(String why) {
        boolean dropped;
        synchronized (this) {
            dropped = state instanceof Cached;
            if (dropped) {
                state = CacheState.EMPTY;
            }
        }
        if (dropped) {
            log.info("Dropped the cached poem ({}); the next client fetches it again", why);
        } else {
            log.info("No cached poem to drop ({})", why);
        }
    }

    /** Where the cache logs failed fetches; the server it serves summarises it with its own log. */
    public FailureLog failures() {
        return failures;
    }

    /** Clients waiting on the fetch in flight; 0 when none is. */
    public synchronized int waiting() {
        return state instanceof Fetching fetching ? fetching.fetch().waiters : 0;
    }

    /** How many upstream downloads were started so far. */
    public synchronized int fetchesStarted() {
        return fetchesStarted;
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
            if (fetch == null) {
                return;
            }
            boolean abandon;
            synchronized (PoemCache.this) {
                if (released || fetch.poem.isDone()) {
                    released = true;
                    return;
                }
                released = true;
                abandon = --fetch.waiters == 0;
                if (abandon && state instanceof Fetching fetching && fetching.fetch() == fetch) {
                    state = CacheState.EMPTY;
                }
            }
            if (abandon) {
                if (verbosity.perConnection()) {
                    log.info("Canceling poem download.");
                }
                fetch.abandoned.complete(null);
            }
        }
    }
}
