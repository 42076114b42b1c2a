package dev.poetry.client;

import dev.poetry.server.ServerLimits;
import dev.poetry.server.Verbosity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.poetry.net.Address;
import dev.poetry.net.EventLoops;
import dev.poetry.net.Transport;
import dev.poetry.server.RunningServer;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.fast.FastPoetryServer;
import dev.poetry.server.slow.SlowPoetryServer;
import dev.poetry.testing.BlockingCallCheckExtension;
import dev.poetry.testing.Loopback;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.blockhound.BlockingOperationError;

class PoetryClientTest {

    private static EventLoops loops;
    private static PoetryClient client;

    @BeforeAll
    static void start() {
        loops = EventLoops.create(2);
        client = new PoetryClient(loops, new ClientSettings(Duration.ofSeconds(5), Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() {
        loops.close();
    }

    private static Address at(RunningServer server) {
        return new Address("127.0.0.1", server.port());
    }

    @Test
    void getsThePoemByteForByte() throws Exception {
        byte[] poem = Files.readAllBytes(Loopback.poem("ecstasy.txt"));
        try (RunningServer server = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(poem), ServerLimits.DEFAULT, Verbosity.NORMAL)) {
            assertArrayEquals(poem, client.get(at(server)).get(10, TimeUnit.SECONDS).bytes());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void keepsMultiByteCharactersWholeWhenTheyArriveSplit(int numBytes) throws Exception {
        Path file = Loopback.poem("alla_sera.txt");
        SlowPoetryServer.Pace pace = new SlowPoetryServer.Pace(numBytes, Duration.ZERO);
        try (RunningServer server = SlowPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.load(file), pace, ServerLimits.DEFAULT, Verbosity.NORMAL)) {
            assertEquals(Files.readString(file), client.get(at(server)).get(10, TimeUnit.SECONDS).text());
        }
    }

    @Test
    void failsWhenRefused() throws Exception {
        assertEquals("Connection refused", reasonFor(client.get(new Address("127.0.0.1", closedPort()))));
    }

    @Test
    void failsForAnUnknownHost() {
        assertEquals("unknown host no-such-host.invalid", reasonFor(client.get(new Address("no-such-host.invalid", 10001))));
    }

    @Test
    void failsWhenTheServerGoesQuiet() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Poem> poem = client.get(new Address("127.0.0.1", silent.getLocalPort()));
            try (Socket accepted = silent.accept()) {
                assertEquals("no data for 0.5 s", reasonFor(poem));
            }
        }
    }

    @Test
    void failsOnAResetRatherThanKeepingWhatArrived() throws Exception {
        try (ServerSocket rude = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Poem> poem = client.get(new Address("127.0.0.1", rude.getLocalPort()));
            try (Socket accepted = rude.accept()) {
                accepted.getOutputStream().write("half a po".getBytes());
                accepted.getOutputStream().flush();
                accepted.setSoLinger(true, 0);
            }
            assertEquals("Connection reset by peer", reasonFor(poem));
        }
    }

    /**
     * A server that writes a few bytes and resets as soon as it accepts. On epoll and NIO the reset
     * fails the download at once. Netty 4.2.18's io_uring channel usually never reports it (nor the
     * bytes before it): there only the idle timeout ends the download, which is why AUTO never picks
     * io_uring. Either way the download fails; it never ends as a poem.
     */
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"EPOLL", "NIO", "IO_URING"})
    void aResetRightAfterTheConnectFailsTheDownloadOnEveryTransport(Transport transport) throws Exception {
        assumeTrue(EventLoops.whyUnavailable(transport).isEmpty(), transport + " is not available here");
        try (EventLoops own = EventLoops.create(1, transport);
             Peers rude = Peers.start((accepted, peers) -> {
                 accepted.getOutputStream().write("half a po".getBytes(StandardCharsets.US_ASCII));
                 accepted.setSoLinger(true, 0);
             })) {
            PoetryClient onTransport = new PoetryClient(own, new ClientSettings(Duration.ofSeconds(5), Duration.ofMillis(500)));
            for (int attempt = 0; attempt < 5; attempt++) {
                String reason = reasonFor(onTransport.get(new Address("127.0.0.1", rude.port())));
                if (transport == Transport.IO_URING) {
                    assertTrue(reason.equals("Connection reset by peer") || reason.startsWith("no data for"), reason);
                } else {
                    assertEquals("Connection reset by peer", reason);
                }
            }
        }
    }

    @Test
    void cancellingClosesTheConnection() throws Exception {
        // Timeouts far beyond the test's bound, so that only the cancel can close the connection.
        PoetryClient patient = new PoetryClient(loops, new ClientSettings(Duration.ofMinutes(5), Duration.ofMinutes(5)));
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            for (boolean streaming : new boolean[] {false, true}) {
                CompletableFuture<?> poem = streaming
                        ? patient.download(new Address("127.0.0.1", server.getLocalPort()), chunk -> { })
                        : patient.get(new Address("127.0.0.1", server.getLocalPort()));
                try (Socket accepted = server.accept()) {
                    accepted.getOutputStream().write("The first line, and then\n".getBytes());
                    accepted.setSoTimeout(5_000);
                    assertTrue(poem.cancel(true));
                    assertClosedByPeer(accepted.getInputStream());
                }
            }
        }
    }

    @Test
    void streamsFiftyMegabytesToAFileOffTheLoopWithoutHoldingThem(@TempDir Path dir) throws Exception {
        byte[] poem = new byte[50 << 20];
        new Random(42).nextBytes(poem);
        Path target = dir.resolve("big.txt");
        ExecutorService writer = OffLoopPoemSink.newWriter("test-writer");
        try (RunningServer server = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(poem), ServerLimits.DEFAULT, Verbosity.NORMAL);
             FilePoemSink sink = new FilePoemSink(target)) {
            long bytes = client.downloadInto(at(server), new OffLoopPoemSink(sink, writer)).get(60, TimeUnit.SECONDS);
            assertEquals(poem.length, bytes);
            assertTrue(sink.largestChunk() <= 1 << 20, "largest chunk held: " + sink.largestChunk());
        } finally {
            writer.shutdown();
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertArrayEquals(sha.digest(poem), sha.digest(Files.readAllBytes(target)));
    }

    /** What {@code get --output} did before its files were written off the loop: the guard must say so. */
    @Test
    void aFileWrittenOnTheLoopIsCaughtAsBlocking(@TempDir Path dir) throws Exception {
        try (RunningServer server = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of("a short poem\n".getBytes()),
                ServerLimits.DEFAULT, Verbosity.NORMAL);
             FilePoemSink sink = new FilePoemSink(dir.resolve("poem.txt"))) {
            CompletableFuture<Long> download = client.download(at(server), sink);
            ExecutionException failure = assertThrows(ExecutionException.class, () -> download.get(10, TimeUnit.SECONDS));
            assertInstanceOf(BlockingOperationError.class, failure.getCause());
        }
        List<String> blocked = BlockingCallCheckExtension.collectBlockedCalls();
        assertTrue(blocked.stream().anyMatch(call -> call.contains("FileChannelImpl.write") && call.contains("poetry-io")),
                String.valueOf(blocked));
    }

    /** EOF, or a reset when the peer closed with our bytes still unread: either way, it closed. */
    static void assertClosedByPeer(InputStream in) throws java.io.IOException {
        try {
            assertEquals(-1, in.read(), "the server sees the client close");
        } catch (java.net.SocketException reset) {
            assertEquals("Connection reset", reset.getMessage());
        }
    }

    static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String reasonFor(CompletableFuture<?> future) {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        return FailureReason.of(failure);
    }
}
