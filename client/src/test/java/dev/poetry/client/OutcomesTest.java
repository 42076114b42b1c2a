package dev.poetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.net.Address;
import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import dev.poetry.server.fast.FastPoetryServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

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

    @Test
    void theFirstSuccessWinsAndTheOthersAreCancelled() {
        CompletableFuture<String> failing = new CompletableFuture<>();
        CompletableFuture<String> winning = new CompletableFuture<>();
        CompletableFuture<String> slow = new CompletableFuture<>();
        CompletableFuture<String> first = Outcomes.first(List.of(failing, winning, slow));

        failing.completeExceptionally(new IOException("refused"));
        assertFalse(first.isDone(), "a failure does not end it while others run");
        winning.complete("poem");

        assertEquals("poem", first.join());
        assertTrue(slow.isCancelled(), "the loser is cancelled");
    }

    @Test
    void theFirstFailsOnlyWhenEveryFutureFailed() {
        CompletableFuture<String> one = new CompletableFuture<>();
        CompletableFuture<String> two = new CompletableFuture<>();
        CompletableFuture<String> first = Outcomes.first(List.of(one, two));
        one.completeExceptionally(new IOException("one"));
        assertFalse(first.isDone());
        IOException last = new IOException("two");
        two.completeExceptionally(last);
        CompletionException failure = assertThrows(CompletionException.class, first::join);
        assertSame(last, failure.getCause());
    }

    @Test
    void allOrFirstFailureEndsAtTheFirstFailureAndCancelsTheRest() {
        CompletableFuture<String> done = new CompletableFuture<>();
        CompletableFuture<String> failing = new CompletableFuture<>();
        CompletableFuture<String> slow = new CompletableFuture<>();
        CompletableFuture<List<String>> all = Outcomes.allOrFirstFailure(List.of(done, failing, slow));
        done.complete("one");
        assertFalse(all.isDone());
        IOException boom = new IOException("boom");
        failing.completeExceptionally(boom);

        CompletionException failure = assertThrows(CompletionException.class, all::join);
        assertSame(boom, failure.getCause());
        assertTrue(slow.isCancelled(), "the one still running is cancelled");
        assertFalse(done.isCancelled(), "the one that finished keeps its value");
    }

    @Test
    void allOrFirstFailureGivesEveryValueInOrderWhenNoneFails() {
        CompletableFuture<String> one = new CompletableFuture<>();
        CompletableFuture<String> two = new CompletableFuture<>();
        CompletableFuture<List<String>> all = Outcomes.allOrFirstFailure(List.of(one, two));
        two.complete("two");
        assertFalse(all.isDone());
        one.complete("one");
        assertEquals(List.of("one", "two"), all.join());
    }

    @Test
    void theLosersConnectionsCloseAtOnceWhenTheFirstPoemArrives() throws Exception {
        EventLoops loops = EventLoops.create(1);
        PoetryClient client = new PoetryClient(loops, new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        try (SilentPeer slow = new SilentPeer(2);
             RunningServer fast = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of("quick\n".getBytes()),
                     ServerLimits.DEFAULT, Verbosity.NORMAL)) {
            Address silent = new Address("127.0.0.1", slow.port());
            CompletableFuture<Poem> loser1 = client.get(silent);
            CompletableFuture<Poem> loser2 = client.get(silent);
            assertTrue(slow.allArrivedWithin(5_000), "both losers connected");
            CompletableFuture<Poem> winner = client.get(new Address("127.0.0.1", fast.port()));

            assertEquals("quick\n", Outcomes.first(List.of(loser1, winner, loser2)).get(10, TimeUnit.SECONDS).text());
            // The silent server would keep them for 30 s (the idle timeout): only cancellation closes them this soon.
            assertTrue(slow.allGoneWithin(2_000), "the slow server saw both losers go away");
        } finally {
            loops.close();
        }
    }

    @Test
    void theOthersConnectionsCloseAtOnceAtTheFirstFailure() throws Exception {
        int dead;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = socket.getLocalPort();
        }
        EventLoops loops = EventLoops.create(1);
        PoetryClient client = new PoetryClient(loops, new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        try (SilentPeer slow = new SilentPeer(2)) {
            Address silent = new Address("127.0.0.1", slow.port());
            CompletableFuture<Poem> running1 = client.get(silent);
            CompletableFuture<Poem> running2 = client.get(silent);
            assertTrue(slow.allArrivedWithin(5_000), "both downloads connected");
            CompletableFuture<List<Poem>> all = Outcomes.allOrFirstFailure(
                    List.of(running1, running2, client.get(new Address("127.0.0.1", dead))));

            assertThrows(Exception.class, () -> all.get(10, TimeUnit.SECONDS));
            assertTrue(slow.allGoneWithin(2_000), "the slow server saw both downloads go away");
        } finally {
            loops.close();
        }
    }
}
