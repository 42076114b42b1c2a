package dev.poetry.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Java's missing DeferredList, in its three modes: wait for every future ({@link #settleAll}),
 * the first success wins ({@link #first}, {@code fireOnOneCallback}), or the first failure ends
 * it ({@link #allOrFirstFailure}, {@code fireOnOneErrback}). The last two cancel the futures that
 * no longer matter the moment the answer is known, so their connections close at once.
 */
public final class Outcomes {

    private Outcomes() {
    }

    /** Completes, never exceptionally, once every future has, with their outcomes in the given order. */
    public static <T> CompletableFuture<List<Outcome<T>>> settleAll(List<? extends CompletableFuture<? extends T>> futures) {
        List<CompletableFuture<Outcome<T>>> settled = new ArrayList<>(futures.size());
        for (CompletableFuture<? extends T> future : futures) {
            settled.add(future.handle((value, error) -> error == null
                    ? new Outcome.Success<>(value)
                    : new Outcome.Failure<>(FailureReason.unwrap(error))));
        }
        return CompletableFuture.allOf(settled.toArray(new CompletableFuture<?>[0]))
                .thenApply(allDone -> settled.stream().map(CompletableFuture::join).toList());
    }

    /**
     * The first value to arrive; every other future is then cancelled. Fails only when every
     * future has failed, with the last failure (an empty list fails at once).
     */
    public static <T> CompletableFuture<T> first(List<? extends CompletableFuture<? extends T>> futures) {
        CompletableFuture<T> winner = new CompletableFuture<>();
        AtomicInteger running = new AtomicInteger(futures.size());
        if (futures.isEmpty()) {
            winner.completeExceptionally(new IllegalArgumentException("no futures"));
        }
        for (CompletableFuture<? extends T> future : futures) {
            future.whenComplete((value, error) -> {
                boolean last = running.decrementAndGet() == 0;
                if (error == null) {
                    winner.complete(value);
                } else if (last) {
                    winner.completeExceptionally(FailureReason.unwrap(error));
                }
            });
        }
        // Cancel after the decision, outside any callback's bookkeeping: a cancelled loser runs its own callbacks.
        winner.whenComplete((value, error) -> futures.forEach(future -> future.cancel(true)));
        return winner;
    }

    /**
     * Every value, in the given order, once all have succeeded; or the first failure as soon as
     * it happens, every future still running then cancelled.
     */
    public static <T> CompletableFuture<List<T>> allOrFirstFailure(List<? extends CompletableFuture<? extends T>> futures) {
        CompletableFuture<List<T>> all = new CompletableFuture<>();
        AtomicInteger running = new AtomicInteger(futures.size());
        List<T> values = new ArrayList<>(futures.size());
        for (int i = 0; i < futures.size(); i++) {
            values.add(null);
        }
        if (futures.isEmpty()) {
            all.complete(List.of());
        }
        for (int i = 0; i < futures.size(); i++) {
            int index = i;
            futures.get(i).whenComplete((value, error) -> {
                if (error != null) {
                    all.completeExceptionally(FailureReason.unwrap(error));
                    return;
                }
                boolean last;
                synchronized (values) {
                    values.set(index, value);
                    last = running.decrementAndGet() == 0;
                }
                if (last) {
                    List<T> copy;
                    synchronized (values) {
                        copy = Collections.unmodifiableList(new ArrayList<>(values));
                    }
                    all.complete(copy);
                }
            });
        }
        all.whenComplete((value, error) -> {
            if (error != null) {
                futures.forEach(future -> future.cancel(true));
            }
        });
        return all;
    }
}
