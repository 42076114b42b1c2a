package dev.poetry.proxy;

import dev.poetry.server.ServerLimits;
import dev.poetry.server.Verbosity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.client.ClientSettings;
import dev.poetry.client.Poem;
import dev.poetry.client.PoetryClient;
import dev.poetry.net.Address;
import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.fast.FastPoetryServer;
import dev.poetry.testing.Await;
import dev.poetry.testing.Loopback;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PoetryProxyTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private static EventLoops loops;
    private static PoetryClient client;
    private static byte[] poem;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();

    @BeforeAll
    static void start() throws Exception {
        loops = EventLoops.create(2);
        client = new PoetryClient(loops, new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(10)));
        poem = Files.readAllBytes(Loopback.poem("alla_sera.txt"));
    }

    @AfterAll
    static void stop() {
        loops.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private PoemCache cacheFor(int upstreamPort, Optional<Duration> ttl) {
        Address upstream = new Address("127.0.0.1", upstreamPort);
        return new PoemCache(sink -> client.download(upstream, sink), ttl, 64 << 20, clock::get, Verbosity.NORMAL);
    }

    private int proxy(PoemCache cache) {
        RunningServer proxy = PoetryProxy.start(loops, "127.0.0.1", 0, cache, ServerLimits.DEFAULT, Verbosity.VERBOSE);
        toClose.add(proxy);
        return proxy.port();
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    @Test
    void aPlainClientGetsTheUpstreamsBytesFirstFromUpstreamThenFromTheCache() throws Exception {
        RunningServer upstream = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(poem), ServerLimits.DEFAULT, Verbosity.NORMAL);
        PoemCache cache = cacheFor(upstream.port(), Optional.empty());
        int port = proxy(cache);
        assertArrayEquals(poem, Loopback.readAll(port));
        upstream.close();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(poem, Loopback.readAll(port), "a hit, with the upstream gone");
        }
        assertEquals(1, cache.fetchesStarted());
    }

    @Test
    void aClientHangingUpCancelsTheUpstreamDownloadPromptly() throws Exception {
        CountDownLatch upstreamReady = new CountDownLatch(1);
        AtomicLong upstreamSawClose = new AtomicLong();
        ScriptedUpstream upstream = closing(new ScriptedUpstream((socket, connection) -> {
            socket.getOutputStream().write("Alla sera, ".getBytes());
            socket.getOutputStream().flush();
            upstreamReady.countDown();
            socket.setSoTimeout((int) BOUND.toMillis());
            if (socket.getInputStream().read() == -1) {
                upstreamSawClose.set(System.nanoTime());
            }
        }));
        PoemCache cache = cacheFor(upstream.port(), Optional.empty());
        int port = proxy(cache);

        long hungUp;
        try (Socket impatient = Loopback.connect(port)) {
            assertTrue(upstreamReady.await(BOUND.toSeconds(), TimeUnit.SECONDS), "the fetch started");
            hungUp = System.nanoTime();
        }
        Await.until(() -> upstreamSawClose.get() != 0, BOUND, "the upstream sees its connection closed");
        long millis = TimeUnit.NANOSECONDS.toMillis(upstreamSawClose.get() - hungUp);
        // Prompt means well before the proxy's own idle timeout (10 s) would have closed it; the
        // bound is loose so that a loaded machine can't fail it, and bench measures the real figure.
        assertTrue(millis < 5000, "upstream closed " + millis + " ms after the client hung up");
        assertEquals(0, cache.waiting());
    }

    @Test
    void twoHundredClientsAtAColdProxyCauseOneUpstreamConnection() throws Exception {
        CountDownLatch[] gate = {new CountDownLatch(1)};
        ScriptedUpstream upstream = closing(new ScriptedUpstream(ScriptedUpstream.gatedPoem(poem, gate)));
        PoemCache cache = cacheFor(upstream.port(), Optional.empty());
        int port = proxy(cache);
        ExecutorService clients = Executors.newFixedThreadPool(200);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(clients.submit(() -> Loopback.readAll(port)));
            }
            Await.until(() -> cache.waiting() == 200, BOUND, "200 clients waiting on one fetch, now " + cache.waiting());
            gate[0].countDown();
            for (Future<byte[]> result : results) {
                assertArrayEquals(poem, result.get(BOUND.toSeconds(), TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(1, upstream.accepted());
        assertEquals(1, cache.fetchesStarted());
    }

    @Test
    void whenOneOfTwoWaitingClientsLeavesTheOtherStillGetsThePoem() throws Exception {
        CountDownLatch[] gate = {new CountDownLatch(1)};
        ScriptedUpstream upstream = closing(new ScriptedUpstream(ScriptedUpstream.gatedPoem(poem, gate)));
        PoemCache cache = cacheFor(upstream.port(), Optional.empty());
        int port = proxy(cache);
        try (Socket patient = Loopback.connect(port)) {
            try (Socket impatient = Loopback.connect(port)) {
                Await.until(() -> cache.waiting() == 2, BOUND, "both waiting");
            }
            Await.until(() -> cache.waiting() == 1, BOUND, "one left");
            gate[0].countDown();
            assertArrayEquals(poem, Loopback.readToEnd(patient.getInputStream()));
        }
        assertEquals(1, upstream.accepted());
    }

    @Test
    void anUpstreamThatIsDownClosesClientsAndIsTriedAgainNextTime() throws Exception {
        int port;
        try (ServerSocket reserved = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = reserved.getLocalPort();
        }
        PoemCache cache = cacheFor(port, Optional.empty());
        int proxyPort = proxy(cache);
        long start = System.nanoTime();
        assertTrue(Loopback.closedWithoutReply(proxyPort, new byte[0]));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "closed promptly");

        try (RunningServer upstream = FastPoetryServer.start(loops, "127.0.0.1", port, SharedPoem.of(poem), ServerLimits.DEFAULT, Verbosity.NORMAL)) {
            assertArrayEquals(poem, Loopback.readAll(proxyPort));
        }
        assertEquals(2, cache.fetchesStarted());
    }

    @Test
    void aClientOfAProxyWhoseUpstreamRefusesSeesAFailureNotAnEmptyPoem() throws Exception {
        int port;
        try (ServerSocket reserved = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = reserved.getLocalPort();
        }
        int proxyPort = proxy(cacheFor(port, Optional.empty()));
        CompletableFuture<Poem> got = client.get(new Address("127.0.0.1", proxyPort));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> got.get(BOUND.toSeconds(), TimeUnit.SECONDS));
        assertTrue(String.valueOf(failed.getCause().getMessage()).contains("reset"), failed.getCause().toString());
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> future.get(BOUND.toSeconds(), TimeUnit.SECONDS));
        return failed.getCause();
    }

    private static void assertReset(Throwable failure) {
        assertTrue(String.valueOf(failure.getMessage()).contains("reset"), "a reset, not " + failure);
    }

    @Test
    void aResetMidPoemReachesTheClientAsAResetAndIsNeverCached() throws Exception {
        ScriptedUpstream upstream = closing(new ScriptedUpstream((socket, connection) -> {
            if (connection == 1) {
                socket.getOutputStream().write("Alla sera, quando".getBytes());
                socket.getOutputStream().flush();
                socket.setSoLinger(true, 0); // close with a reset
            } else {
                socket.getOutputStream().write(poem);
            }
        }));
        PoemCache cache = cacheFor(upstream.port(), Optional.empty());
        int port = proxy(cache);
        Address proxyAddress = new Address("127.0.0.1", port);
        assertReset(failureOf(client.get(proxyAddress)));
        assertArrayEquals(poem, client.get(proxyAddress).get(BOUND.toSeconds(), TimeUnit.SECONDS).bytes());
        assertArrayEquals(poem, Loopback.readAll(port));
        assertEquals(2, upstream.accepted());
    }

    @Test
    void anErrorWhileCachingResetsTheWaitersAndTheNextClientGetsThePoem() throws Exception {
        RunningServer upstream = closing(FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(poem), ServerLimits.DEFAULT, Verbosity.NORMAL));
        Address upstreamAddress = new Address("127.0.0.1", upstream.port());
        AtomicInteger fetches = new AtomicInteger();
        PoemCache cache = new PoemCache(sink -> client.download(upstreamAddress, fetches.incrementAndGet() > 1 ? sink : chunk -> {
            throw new OutOfMemoryError("injected while caching");
        }), Optional.empty(), 64 << 20, clock::get, Verbosity.NORMAL);
        Address proxyAddress = new Address("127.0.0.1", proxy(cache));
        assertReset(failureOf(client.get(proxyAddress)));
        assertArrayEquals(poem, client.get(proxyAddress).get(BOUND.toSeconds(), TimeUnit.SECONDS).bytes());
        assertEquals(2, cache.fetchesStarted());
    }

    @Test
    void anUpstreamThatFallsSilentTimesOutAndItsClientsAreReset() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        ScriptedUpstream silent = closing(new ScriptedUpstream((socket, connection) -> done.await(BOUND.toSeconds(), TimeUnit.SECONDS)));
        PoetryClient impatient = new PoetryClient(loops, new ClientSettings(Duration.ofSeconds(2), Duration.ofMillis(300)));
        PoemCache cache = new PoemCache(sink -> impatient.download(new Address("127.0.0.1", silent.port()), sink),
                Optional.empty(), 64 << 20, clock::get, Verbosity.NORMAL);
        try {
            assertReset(failureOf(client.get(new Address("127.0.0.1", proxy(cache)))));
        } finally {
            done.countDown();
        }
    }

    @Test
    void anUpstreamThatSendsWithoutEndFailsTheFetchAtMaxBytes() throws Exception {
        AtomicLong written = new AtomicLong();
        ScriptedUpstream endless = closing(new ScriptedUpstream((socket, connection) -> {
            byte[] block = new byte[64 << 10];
            while (true) { // a blocking write waits while the proxy's window is full
                socket.getOutputStream().write(block);
                written.addAndGet(block.length);
            }
        }));
        int maxBytes = 1 << 20;
        PoemCache cache = new PoemCache(sink -> client.download(new Address("127.0.0.1", endless.port()), sink),
                Optional.empty(), maxBytes, clock::get, Verbosity.NORMAL);
        Address proxyAddress = new Address("127.0.0.1", proxy(cache));
        assertReset(failureOf(client.get(proxyAddress)));
        assertReset(failureOf(client.get(proxyAddress)));
        assertEquals(2, cache.fetchesStarted(), "nothing cached");
        // What the upstream got rid of is the limit plus what the kernel buffers on loopback.
        assertTrue(written.get() < maxBytes + (32 << 20), "upstream wrote " + written + " bytes");
    }

    @Test
    void fetchesAgainWhenTheTtlExpires() throws Exception {
        ScriptedUpstream upstream = closing(new ScriptedUpstream((socket, connection) ->
                socket.getOutputStream().write(("version " + connection + "\n").getBytes())));
        PoemCache cache = cacheFor(upstream.port(), Optional.of(Duration.ofSeconds(30)));
        int port = proxy(cache);
        assertEquals("version 1\n", new String(Loopback.readAll(port)));
        clock.addAndGet(Duration.ofSeconds(29).toNanos());
        assertEquals("version 1\n", new String(Loopback.readAll(port)));
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals("version 2\n", new String(Loopback.readAll(port)));
        assertEquals(2, upstream.accepted());
    }

    @Test
    void passesOnAPoemLargerThanTheSocketBuffersToReadersThatTakeSmallBites() throws Exception {
        byte[] big = new byte[4 << 20];
        new java.util.Random(7).nextBytes(big);
        RunningServer upstream = closing(FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(big), ServerLimits.DEFAULT, Verbosity.NORMAL));
        int port = proxy(cacheFor(upstream.port(), Optional.empty()));
        for (int reader = 0; reader < 2; reader++) {
            try (Socket nibbler = Loopback.connect(port)) {
                InputStream in = nibbler.getInputStream();
                java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                byte[] bite = new byte[1024];
                for (int n; (n = in.read(bite)) >= 0; ) {
                    got.write(bite, 0, n);
                }
                assertArrayEquals(big, got.toByteArray());
            }
        }
    }
}
