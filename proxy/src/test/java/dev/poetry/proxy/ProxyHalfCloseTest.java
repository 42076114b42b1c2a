package dev.poetry.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.poetry.client.ClientSettings;
import dev.poetry.client.PoetryClient;
import dev.poetry.net.Address;
import dev.poetry.net.EventLoops;
import dev.poetry.net.Transport;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import dev.poetry.server.fast.FastPoetryServer;
import dev.poetry.testing.Await;
import dev.poetry.testing.Loopback;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client that shuts down its sending side as soon as it connects (ncat on an empty stdin,
 * {@code shutdown(SHUT_WR)} in a script) says nothing more, but may still be reading: whatever
 * the proxy does with it, it must never end with a clean close on less than the whole poem.
 */
class ProxyHalfCloseTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private EventLoops loops;
    private PoetryClient client;

    /** Each transport reports the client's FIN its own way: every one must end the same. */
    private void on(Transport transport) {
        assumeTrue(EventLoops.whyUnavailable(transport).isEmpty(), transport + " is not available here");
        loops = EventLoops.create(2, transport);
        client = new PoetryClient(loops, new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        if (loops != null) {
            loops.close();
        }
    }

    /** Everything the socket gives until a clean end; a reset (or any read failure) throws. */
    private static byte[] readToCleanEnd(Socket socket) throws IOException {
        socket.setSoTimeout((int) BOUND.toMillis());
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] bite = new byte[1024];
        for (int n; (n = in.read(bite)) >= 0; ) {
            got.write(bite, 0, n);
        }
        return got.toByteArray();
    }

    /** As the tutorial's proxy does, the client's end of sending is taken as hanging up: it cancels the fetch, and ends in a reset. */
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"EPOLL", "IO_URING", "NIO"})
    void aClientThatHalfClosesAtAColdProxyIsResetNeverGivenAnEmptyPoem(Transport transport) throws Exception {
        on(transport);
        byte[] poem = "Alla sera, quando il sole cala\n".getBytes();
        CountDownLatch[] gate = {new CountDownLatch(1)};
        try (ScriptedUpstream upstream = new ScriptedUpstream(ScriptedUpstream.gatedPoem(poem, gate))) {
            PoemCache cache = new PoemCache(sink -> client.download(new Address("127.0.0.1", upstream.port()), sink),
                    Optional.empty(), 64 << 20, System::nanoTime, Verbosity.NORMAL);
            try (RunningServer proxy = PoetryProxy.start(loops, "127.0.0.1", 0, cache, ServerLimits.DEFAULT, Verbosity.NORMAL);
                 Socket halfClosed = Loopback.connect(proxy.port())) {
                Await.until(() -> cache.waiting() == 1, BOUND, "the client waits on the fetch");
                halfClosed.shutdownOutput();
                IOException failure = assertThrows(IOException.class, () -> {
                    byte[] got = readToCleanEnd(halfClosed);
                    throw new AssertionError("a clean close after " + got.length + " bytes");
                });
                assertTrue(String.valueOf(failure.getMessage()).contains("reset"), "a reset, not " + failure);
                Await.until(() -> cache.waiting() == 0, BOUND, "the fetch is abandoned");
            } finally {
                gate[0].countDown();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"EPOLL", "IO_URING", "NIO"})
    void aClientThatHalfClosesWhileALargeCachedPoemIsWrittenGetsItWholeOrAFailure(Transport transport) throws Exception {
        on(transport);
        byte[] big = new byte[8 << 20];
        new Random(7).nextBytes(big);
        try (RunningServer upstream = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(big), ServerLimits.DEFAULT, Verbosity.NORMAL)) {
            PoemCache cache = new PoemCache(sink -> client.download(new Address("127.0.0.1", upstream.port()), sink),
                    Optional.empty(), 64 << 20, System::nanoTime, Verbosity.NORMAL);
            try (RunningServer proxy = PoetryProxy.start(loops, "127.0.0.1", 0, cache, ServerLimits.DEFAULT, Verbosity.NORMAL)) {
                assertArrayEquals(big, Loopback.readAll(proxy.port()), "warms the cache");
                try (Socket halfClosed = Loopback.connect(proxy.port())) {
                    halfClosed.shutdownOutput();
                    try {
                        byte[] got = readToCleanEnd(halfClosed);
                        assertEquals(big.length, got.length, "a clean close after " + got.length + " of " + big.length + " bytes");
                        assertArrayEquals(big, got);
                    } catch (IOException failure) {
                        assertTrue(String.valueOf(failure.getMessage()).contains("reset"), "a reset, not " + failure);
                    }
                }
            }
        }
    }
}
