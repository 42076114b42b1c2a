package dev.poetry.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Java's missing DeferredList with consumeErrors: wait for every future, failures included. */
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
}
