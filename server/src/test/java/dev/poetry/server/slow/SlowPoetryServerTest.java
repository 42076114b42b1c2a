package dev.poetry.server.slow;

import dev.poetry.server.ServerLimits;
import dev.poetry.server.Verbosity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.poetry.net.EventLoops;
import dev.poetry.net.Transport;
import dev.poetry.server.RunningServer;
import dev.poetry.server.SharedPoem;
import dev.poetry.testing.Loopback;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlowPoetryServerTest {

    private static EventLoops loops;

    @BeforeAll
    static void startLoops() {
        loops = EventLoops.create(2);
    }

    @AfterAll
    static void stopLoops() {
        loops.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 10, 4096})
    void deliversMultiBytePoemsIntactWhateverTheChunkSize(int numBytes) throws Exception {
        byte[] poem = Files.readAllBytes(Loopback.poem("alla_sera.txt"));
        SlowPoetryServer.Pace pace = new SlowPoetryServer.Pace(numBytes, Duration.ZERO);
        try (RunningServer server = SlowPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(poem), pace, ServerLimits.DEFAULT, Verbosity.NORMAL)) {
            assertArrayEquals(poem, Loopback.readAll(server.port()));
        }
    }

    /** A client that shuts down its sending side (nc -N) got a clean close after the first chunk. */
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"EPOLL", "IO_URING", "NIO"})
    void neverClosesCleanlyOnPartOfAPoemWhenTheClientShutsDownItsSendingSide(Transport transport) throws Exception {
        assumeTrue(EventLoops.whyUnavailable(transport).isEmpty(), transport + " is not available here");
        byte[] poem = "0123456789abcdefghij".getBytes();
        SlowPoetryServer.Pace pace = new SlowPoetryServer.Pace(5, Duration.ofMillis(50));
        try (EventLoops own = EventLoops.create(1, transport);
             RunningServer server = SlowPoetryServer.start(own, "127.0.0.1", 0, SharedPoem.of(poem), pace, ServerLimits.DEFAULT, Verbosity.NORMAL);
             Socket socket = Loopback.connect(server.port())) {
            socket.shutdownOutput();
            Loopback.assertWholeOrReset(poem, socket);
        }
    }

    @Test
    void readsInChunksOfNumBytes() throws Exception {
        byte[] poem = "0123456789abcdefghij".getBytes();
        SlowPoetryServer.Pace pace = new SlowPoetryServer.Pace(7, Duration.ofMillis(200));
        try (RunningServer server = SlowPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(poem), pace, ServerLimits.DEFAULT, Verbosity.VERBOSE);
             Socket socket = Loopback.connect(server.port())) {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[64];
            assertEquals(7, in.read(buf), "the first chunk comes alone: the next is 200 ms later");
            assertEquals(13, Loopback.readToEnd(in).length);
        }
    }

    @Test
    void servesTwoHundredClientsAtOnceInAboutOneClientsTime() throws Exception {
        byte[] poem = Files.readAllBytes(Loopback.poem("science.txt"));
        SlowPoetryServer.Pace pace = new SlowPoetryServer.Pace(poem.length / 8 + 1, Duration.ofMillis(60));
        ExecutorService clients = Executors.newFixedThreadPool(200);
        try (RunningServer server = SlowPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(poem), pace, ServerLimits.DEFAULT, Verbosity.NORMAL)) {
            long oneStart = System.nanoTime();
            assertArrayEquals(poem, Loopback.readAll(server.port()));
            long oneClient = System.nanoTime() - oneStart;

            long allStart = System.nanoTime();
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(clients.submit(() -> Loopback.readAll(server.port())));
            }
            for (Future<byte[]> result : results) {
                assertArrayEquals(poem, result.get(60, TimeUnit.SECONDS));
            }
            long allClients = System.nanoTime() - allStart;
            // Served one after another, 200 clients would take 200 times as long.
            assertTrue(allClients < 3 * oneClient,
                    "200 clients took " + allClients / 1_000_000 + " ms, one took " + oneClient / 1_000_000 + " ms");
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void goesOnServingOthersWhenAClientHangsUpHalfway() throws Exception {
        byte[] poem = Files.readAllBytes(Loopback.poem("fascination.txt"));
        SlowPoetryServer.Pace pace = new SlowPoetryServer.Pace(50, Duration.ofMillis(20));
        try (RunningServer server = SlowPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(poem), pace, ServerLimits.DEFAULT, Verbosity.NORMAL)) {
            try (Socket quitter = Loopback.connect(server.port())) {
                assertEquals(50, quitter.getInputStream().readNBytes(50).length);
            }
            assertArrayEquals(poem, Loopback.readAll(server.port()));
        }
    }
}
