package dev.poetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OutcomesTest {

    @Test
    void waitsForEveryFutureAndKeepsTheOrderWhateverTheOrderOfCompletion() {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        CompletableFuture<String> third = new CompletableFuture<>();
        IOException boom = new IOException("boom");
        CompletableFuture<List<Outcome<String>>> all = Outcomes.settleAll(List.of(first, second, third));

        third.complete("three");
        second.completeExceptionally(boom);
        assertFalse(all.isDone(), "the first is still running");
        first.complete("one");

        assertEquals(List.of(new Outcome.Success<>("one"), new Outcome.Failure<>(boom), new Outcome.Success<>("three")), all.join());
    }

    @Test
    void neverFailsEvenWhenEverythingDoes() {
        IOException boom = new IOException("boom");
        List<Outcome<Object>> outcomes = Outcomes.settleAll(List.of(CompletableFuture.failedFuture(boom))).join();
        assertEquals(List.of(new Outcome.Failure<>(boom)), outcomes);
    }

    @Test
    void settlesAnEmptyListAtOnce() {
        assertEquals(List.of(), Outcomes.settleAll(List.<CompletableFuture<String>>of()).join());
    }
}
