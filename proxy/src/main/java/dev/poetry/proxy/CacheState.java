package dev.poetry.proxy;

import dev.poetry.server.SharedPoem;

/** What the cache holds: nothing, a fetch in flight, or a poem. One at a time, by construction. */
sealed interface CacheState {

    CacheState EMPTY = new Empty();

    record Empty() implements CacheState {
    }

    record Fetching(Fetch fetch) implements CacheState {
    }

    record Cached(SharedPoem poem, long atNanos) implements CacheState {
    }
}
