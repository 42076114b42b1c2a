package dev.poetry.client.get;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.client.ClientSettings;
import dev.poetry.client.ConnectionPermits;
import dev.poetry.client.Peers;
import dev.poetry.net.Address;
import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import dev.poetry.server.slow.SlowPoetryServer;
import dev.poetry.testing.Loopback;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every style within the client's bounds: whole-download time, size, resets, open connections. */
class GetLimitsTest {

    private static EventLoops loops;
    private static RunningServer drip;

    @BeforeAll
    static void start() {
        loops = EventLoops.create(1);
        drip = SlowPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.load(Loopback.poem("ecstasy.txt")),
                new SlowPoetryServer.Pace(1, Duration.ofMillis(200)), ServerLimits.DEFAULT, Verbosity.QUIET);
    }

    @AfterAll
    static void stop() {
        drip.close();
        loops.close();
    }

    private static GetRequest request(ClientSettings settings, int port) {
        return new GetRequest(List.of(new Address("127.0.0.1", port)), settings, Optional.empty());
    }

    private static RecordingReporter run(GetStyle.Name style, GetRequest request) throws Exception {
        return GetStylesTest.run(style, request, Plan.PLAIN, new RecordingReporter());
    }

    @ParameterizedTest
    @EnumSource(GetStyle.Name.class)
    void aDripThatNeverGoesIdleStillEndsAtMaxTime(GetStyle.Name style) throws Exception {
        // One byte every 200 ms never trips the idle timeout; only the whole-download deadline ends it.
        ClientSettings settings = new ClientSettings(Duration.ofSeconds(1), Duration.ofSeconds(1)).withMaxTime(Duration.ofSeconds(1));
        long start = System.nanoTime();
        RecordingReporter reporter = run(style, request(settings, drip.port()));
        long elapsed = System.nanoTime() - start;
        assertEquals(Map.of(1, "no whole poem within 1 s (--max-time)"), reporter.failures);
        assertTrue(elapsed >= TimeUnit.MILLISECONDS.toNanos(900) && elapsed < TimeUnit.SECONDS.toNanos(5), "took " + elapsed / 1_000_000 + " ms");
    }

    @ParameterizedTest
    @EnumSource(GetStyle.Name.class)
    void aPoemWithoutEndFailsAtMaxBytes(GetStyle.Name style) throws Exception {
        ClientSettings settings = new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(5)).withMaxBytes(1 << 20);
        try (Peers endless = Peers.endless()) {
            RecordingReporter reporter = run(style, request(settings, endless.port()));
            assertEquals(Map.of(1, "poem longer than 1 MiB (--max-bytes)"), reporter.failures);
            assertEquals(Map.of(), reporter.poems);
        }
    }

    @ParameterizedTest
    @EnumSource(GetStyle.Name.class)
    void aResetMidPoemIsAFailureNotAShorterPoem(GetStyle.Name style) throws Exception {
        try (Peers rude = Peers.resetting("The first line arrives,\nand then the ")) {
            RecordingReporter reporter = run(style, request(ClientSettings.DEFAULT, rude.port()));
            assertTrue(reporter.failures.get(1).startsWith("Connection reset"), String.valueOf(reporter.failures));
            assertTrue(reporter.events.stream().noneMatch(event -> event.startsWith("poem")), String.valueOf(reporter.events));
        }
    }

    @ParameterizedTest
    @EnumSource(GetStyle.Name.class)
    void aLongListQueuesForItsConnectionPermits(GetStyle.Name style) throws Exception {
        try (Peers server = Peers.holding(50, "a short poem\n")) {
            List<Address> twelve = Collections.nCopies(12, new Address("127.0.0.1", server.port()));
            GetRequest request = new GetRequest(twelve, ClientSettings.DEFAULT, Optional.empty(), new PartialFiles(), new ConnectionPermits(3));
            RecordingReporter reporter = run(style, request);
            assertEquals(12, reporter.poems.size());
            assertTrue(server.mostOpen() <= 3, "open at once: " + server.mostOpen());
        }
    }

    @Test
    void anErrorIsNotATaskFailure() throws Exception {
        RecordingReporter throwing = new RecordingReporter() {
            @Override
            public synchronized void chunk(Task task, int bytes, long total) {
                throw new StackOverflowError("thrown by a reporter");
            }
        };
        try (Peers server = Peers.holding(0, "a short poem\n");
             TaskRunner runner = new TaskRunner(request(ClientSettings.DEFAULT, server.port()), Optional.empty(), throwing)) {
            CompletionException failed = assertThrows(CompletionException.class,
                    () -> runner.download(new Task(1, new Address("127.0.0.1", server.port()))).join());
            assertInstanceOf(StackOverflowError.class, failed.getCause());
        }
    }
}
