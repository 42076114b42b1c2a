package dev.poetry.server.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import dev.poetry.server.slow.SlowPoetryServer;
import dev.poetry.testing.Await;
import dev.poetry.testing.Loopback;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultyPoetryServerTest {

    private static final Optional<SlowPoetryServer.Pace> FAST = Optional.empty();
    private static final Optional<SlowPoetryServer.Pace> SLOW = Optional.of(new SlowPoetryServer.Pace(7, Duration.ofMillis(5)));

    private static EventLoops loops;
    private static byte[] poem;

    @BeforeAll
    static void start() throws Exception {
        loops = EventLoops.create(2);
        poem = Files.readAllBytes(Loopback.poem("ecstasy.txt"));
    }

    @AfterAll
    static void stop() {
        loops.close();
    }

    private static RunningServer serve(Optional<SlowPoetryServer.Pace> pace, Fault fault, ServerLimits limits) {
        return FaultyPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(poem), pace, fault, limits, Verbosity.NORMAL);
    }

    private static RunningServer serve(Optional<SlowPoetryServer.Pace> pace, Fault fault) {
        return serve(pace, fault, ServerLimits.DEFAULT);
    }

    /** Reads until the connection ends, returning what came before it and how it ended. */
    private static byte[] readUntilReset(InputStream in) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
            }
        } catch (SocketException reset) {
            return got.toByteArray();
        }
        throw new AssertionError("a clean end after " + got.size() + " bytes, not a reset");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void resetAfterSendsTheBytesThenResets(boolean slow) throws Exception {
        try (RunningServer server = serve(slow ? SLOW : FAST, new Fault.Truncate(500, Fault.Ending.RESET));
             Socket client = Loopback.connect(server.port())) {
            byte[] got = readUntilReset(client.getInputStream());
            assertTrue(got.length <= 500, "no more than asked: " + got.length);
            assertArrayEquals(Arrays.copyOf(poem, got.length), got);
        }
    }

    @Test
    void resetAfterMoreThanThePoemSendsItWholeThenResets() throws Exception {
        try (RunningServer server = serve(FAST, new Fault.Truncate(1 << 20, Fault.Ending.RESET));
             Socket client = Loopback.connect(server.port())) {
            readUntilReset(client.getInputStream());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void closeAfterSendsTheBytesThenEndsCleanlyLikeAWholePoem(boolean slow) throws Exception {
        try (RunningServer server = serve(slow ? SLOW : FAST, new Fault.Truncate(500, Fault.Ending.CLOSE))) {
            assertArrayEquals(Arrays.copyOf(poem, 500), Loopback.readAll(server.port()));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void stallAfterSendsTheBytesThenNothingAndKeepsTheConnectionOpen(boolean slow) throws Exception {
        try (RunningServer server = serve(slow ? SLOW : FAST, new Fault.Truncate(500, Fault.Ending.STALL));
             Socket client = Loopback.connect(server.port())) {
            InputStream in = client.getInputStream();
            assertArrayEquals(Arrays.copyOf(poem, 500), in.readNBytes(500));
            client.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, in::read, "nothing more, and no end");
            assertEquals(1, server.openConnections());
        }
    }

    @Test
    void aStalledConnectionIsResetAtShutdown() throws Exception {
        RunningServer server = serve(FAST, new Fault.Truncate(500, Fault.Ending.STALL));
        try (Socket client = Loopback.connect(server.port())) {
            InputStream in = client.getInputStream();
            assertEquals(500, in.readNBytes(500).length);
            server.shutdownGracefully(Duration.ofMillis(100));
            assertThrows(SocketException.class, in::read);
        }
    }

    @Test
    void dripSendsOneByteAtATime() throws Exception {
        try (RunningServer server = serve(FAST, new Fault.Drip(Duration.ofMillis(200)));
             Socket client = Loopback.connect(server.port())) {
            InputStream in = client.getInputStream();
            byte[] buf = new byte[100];
            assertEquals(1, in.read(buf));
            assertEquals(poem[0], buf[0]);
            assertEquals(1, in.read(buf), "the next byte comes alone, an interval later");
            assertEquals(poem[1], buf[0]);
        }
    }

    @Test
    void endlessSendsThePoemAgainAndAgain() throws Exception {
        try (RunningServer server = serve(FAST, new Fault.Endless());
             Socket client = Loopback.connect(server.port())) {
            byte[] got = client.getInputStream().readNBytes(poem.length * 10 + 17);
            for (int i = 0; i < got.length; i++) {
                if (got[i] != poem[i % poem.length]) {
                    throw new AssertionError("byte " + i + " differs");
                }
            }
        }
    }

    @Test
    void anEndlessPoemToAClientThatStopsReadingMeetsTheWriteDeadline() throws Exception {
        ServerLimits limits = new ServerLimits(100, Duration.ofMillis(300), Duration.ZERO);
        try (RunningServer server = serve(FAST, new Fault.Endless(), limits);
             Socket client = Loopback.connect(server.port())) {
            assertEquals(1000, client.getInputStream().readNBytes(1000).length);
            Await.until(() -> server.openConnections() == 0, Duration.ofSeconds(5), "the client that stopped reading is reset");
        }
    }

    @Test
    void aFaultThatSetsItsOwnPaceRefusesAnother() {
        assertThrows(IllegalArgumentException.class, () -> serve(SLOW, new Fault.Endless()));
        assertThrows(IllegalArgumentException.class, () -> serve(SLOW, new Fault.Drip(Duration.ofSeconds(1))));
    }
}
