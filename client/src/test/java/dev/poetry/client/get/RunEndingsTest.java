package dev.poetry.client.get;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.client.ClientSettings;
import dev.poetry.client.SilentPeer;
import dev.poetry.net.Address;
import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import dev.poetry.server.fast.FastPoetryServer;
import dev.poetry.server.slow.SlowPoetryServer;
import dev.poetry.server.transform.TransformServer;
import dev.poetry.server.transform.Transforms;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How runs end: early ({@code --first}, {@code --fail-fast}), and always, whatever a reporter throws. */
class RunEndingsTest {

    private static final ClientSettings SETTINGS = new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(30));
    private static final String QUICK = "a quick poem\nin two lines\n";

    private static EventLoops loops;
    private static RunningServer quick;
    private static RunningServer crawling;
    private static RunningServer transformer;

    @BeforeAll
    static void start() {
        loops = EventLoops.create(1);
        quick = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(QUICK.getBytes()), ServerLimits.DEFAULT, Verbosity.NORMAL);
        // A minute of poem: nothing a test waits for, unless it is cancelled.
        crawling = SlowPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of("slow\n".repeat(120).getBytes()),
                new SlowPoetryServer.Pace(5, Duration.ofMillis(500)), ServerLimits.DEFAULT, Verbosity.NORMAL);
        transformer = TransformServer.start(loops, "127.0.0.1", 0, ServerLimits.DEFAULT,
                new TransformServer.Settings(Transforms.standard(), 1 << 20, Duration.ofSeconds(5), Verbosity.NORMAL));
    }

    @AfterAll
    static void stop() {
        quick.close();
        crawling.close();
        transformer.close();
        loops.close();
    }

    private static Address at(int port) {
        return new Address("127.0.0.1", port);
    }

    private static int deadPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static GetRequest request(Address... servers) {
        return new GetRequest(List.of(servers), SETTINGS, Optional.empty());
    }

    private static Plan until(RunUntil until) {
        return new Plan(Optional.empty(), until);
    }

    @ParameterizedTest
    @EnumSource(value = GetStyle.Name.class, names = {"LIST", "CALLBACK", "INLINE"})
    void theFirstPoemWinsAFailureBeforeItDoesNotEndTheRunAndTheOthersAreCancelledAtOnce(GetStyle.Name style) throws Exception {
        // The winning poem is held back until the refusal has been reported: the order the test is about.
        // The list style reports only at the end, but its one loop sees the refusal as it connects,
        // before the winner's connection is made, so it needs no gate.
        CountDownLatch refusalReported = new CountDownLatch(style == GetStyle.Name.LIST ? 0 : 1);
        try (SilentPeer silent = new SilentPeer(2); GatedPoet winner = new GatedPoet(QUICK.getBytes(), refusalReported)) {
            GetRequest request = request(at(silent.port()), at(deadPort()), at(crawling.port()), at(silent.port()), at(winner.port()));
            long start = System.nanoTime();
            RecordingReporter reporter = GetStylesTest.run(style, request, until(RunUntil.FIRST_POEM), new RecordingReporter() {
                @Override
                public synchronized void failed(TaskFailure failure) {
                    super.failed(failure);
                    refusalReported.countDown();
                }
            });

            assertEquals(Map.of(5, QUICK), reporter.poems);
            assertEquals(Map.of(2, "Connection refused"), reporter.failures);
            assertEquals(List.of(1, 3, 4), reporter.cancelled.stream().sorted().toList());
            assertTrue(silent.allGoneWithin(2_000), "the silent server saw both cancelled clients go away");
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "ended long before the crawling poem would");
        }
    }

    @ParameterizedTest
    @EnumSource(value = GetStyle.Name.class, names = {"LIST", "CALLBACK", "INLINE"})
    void theFirstPoemIsTransformed(GetStyle.Name style) throws Exception {
        Plan plan = new Plan(Optional.of(new Transformation(at(transformer.port()), "shout")), RunUntil.FIRST_POEM);
        RecordingReporter reporter = GetStylesTest.run(style, request(at(crawling.port()), at(quick.port())), plan, new RecordingReporter());
        assertEquals(Map.of(2, QUICK.toUpperCase(java.util.Locale.ROOT)), reporter.poems);
        assertEquals(List.of(1), reporter.cancelled);
    }

    @ParameterizedTest
    @EnumSource(value = GetStyle.Name.class, names = {"LIST", "CALLBACK", "INLINE"})
    void whenEveryTaskFailsTheFirstModeReportsThemAll(GetStyle.Name style) throws Exception {
        RecordingReporter reporter = GetStylesTest.run(style, request(at(deadPort()), at(deadPort())), until(RunUntil.FIRST_POEM),
                new RecordingReporter());
        assertEquals(Map.of(1, "Connection refused", 2, "Connection refused"), reporter.failures);
        assertEquals(Map.of(), reporter.poems);
    }

    @ParameterizedTest
    @EnumSource(value = GetStyle.Name.class, names = {"LIST", "CALLBACK", "INLINE"})
    void theFirstFailureEndsTheRunPrintingThePoemsThatHadArrived(GetStyle.Name style) throws Exception {
        try (SilentPeer silent = new SilentPeer(1)) {
            // The silent server fails its task by the idle timeout, long after the quick poem and long before the crawling one.
            GetRequest request = new GetRequest(List.of(at(quick.port()), at(silent.port()), at(crawling.port())),
                    new ClientSettings(Duration.ofSeconds(5), Duration.ofMillis(700)), Optional.empty());
            RecordingReporter reporter = GetStylesTest.run(style, request, until(RunUntil.FIRST_FAILURE), new RecordingReporter());

            assertEquals(Map.of(1, QUICK), reporter.poems);
            assertEquals(List.of(2), List.copyOf(reporter.failures.keySet()));
            assertEquals(List.of(3), reporter.cancelled);
            assertTrue(silent.allGoneWithin(2_000));
        }
    }

    /** Throws from {@code poem()} or {@code line()} for task 1, as a failing write would. */
    private static final class ThrowingOnDelivery extends RecordingReporter {
        @Override
        public synchronized void poem(TaskResult result) {
            if (result.task().number() == 1) {
                throw new IllegalStateException("cannot write the poem");
            }
            super.poem(result);
        }

        @Override
        public synchronized void line(Task task, String line) {
            if (task.number() == 1) {
                throw new IllegalStateException("cannot write the poem");
            }
            super.line(task, line);
        }
    }

    /** Throws from {@code chunk()} for task 1. */
    private static final class ThrowingOnChunk extends RecordingReporter {
        @Override
        public synchronized void chunk(Task task, int bytes, long total) {
            if (task.number() == 1) {
                throw new IllegalStateException("progress display broke");
            }
            super.chunk(task, bytes, total);
        }
    }

    @ParameterizedTest
    @EnumSource(GetStyle.Name.class)
    void aReporterThatThrowsFailsItsTaskAndTheRunStillEnds(GetStyle.Name style) throws Exception {
        for (RecordingReporter throwing : List.of(new ThrowingOnDelivery(), new ThrowingOnChunk())) {
            RecordingReporter reporter = GetStylesTest.run(style, request(at(quick.port()), at(quick.port())), Plan.PLAIN, throwing);
            assertEquals(List.of(1), List.copyOf(reporter.failures.keySet()), throwing.getClass().getSimpleName());
            assertEquals(Map.of(2, QUICK), reporter.poems, throwing.getClass().getSimpleName());
        }
    }

    /** An Error, as a class that fails to initialise would throw, from a chunk of task 1. */
    private static final class ErrorOnChunk extends RecordingReporter {
        final LinkageError error = new LinkageError("class initialisation failed");

        @Override
        public synchronized void chunk(Task task, int bytes, long total) {
            if (task.number() == 1) {
                throw error;
            }
            super.chunk(task, bytes, total);
        }
    }

    @ParameterizedTest
    @EnumSource(GetStyle.Name.class)
    void anErrorIsNotATaskFailureItEndsTheRun(GetStyle.Name style) {
        ErrorOnChunk reporter = new ErrorOnChunk();
        LinkageError thrown = assertThrows(LinkageError.class,
                () -> GetStylesTest.run(style, request(at(quick.port()), at(quick.port())), Plan.PLAIN, reporter));
        assertSame(reporter.error, thrown);
        assertFalse(reporter.failures.containsKey(1), "not reported as task 1's failure");
    }

    @Test
    void theInlineStyleIsStraightLineCodeWithNoFutureChains() throws Exception {
        String source = Files.readString(Path.of("src/main/java/dev/poetry/client/get/InlineStyle.java"));
        for (String chain : List.of("thenCompose", "thenApply", "thenAccept", "thenRun", "exceptionally", "whenComplete", "handle(")) {
            assertFalse(source.contains(chain), "InlineStyle uses " + chain);
        }
    }
}
