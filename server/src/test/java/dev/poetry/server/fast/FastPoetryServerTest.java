package dev.poetry.server.fast;

import dev.poetry.server.ServerLimits;
import dev.poetry.server.Verbosity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.poetry.net.EventLoops;
import dev.poetry.net.Transport;
import dev.poetry.server.RunningServer;
import dev.poetry.server.SharedPoem;
import dev.poetry.testing.Loopback;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

class FastPoetryServerTest {

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
    @ValueSource(strings = {"ecstasy.txt", "science.txt", "fascination.txt", "alla_sera.txt"})
    void sendsEachPoemByteForByteAndCloses(String name) throws Exception {
        Path file = Loopback.poem(name);
        try (RunningServer server = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.load(file), ServerLimits.DEFAULT, Verbosity.NORMAL)) {
            assertArrayEquals(Files.readAllBytes(file), Loopback.readAll(server.port()));
            assertArrayEquals(Files.readAllBytes(file), Loopback.readAll(server.port()), "and again, from the same buffer");
        }
    }

    /** A client that shuts down its sending side (nc -N) mid-poem got a clean close after the first 300 KB. */
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"EPOLL", "IO_URING", "NIO"})
    void neverClosesCleanlyOnPartOfAPoemWhenTheClientShutsDownItsSendingSide(Transport transport) throws Exception {
        assumeTrue(EventLoops.whyUnavailable(transport).isEmpty(), transport + " is not available here");
        byte[] poem = new byte[8 << 20];
        Arrays.fill(poem, (byte) 'x');
        try (EventLoops own = EventLoops.create(1, transport);
             RunningServer server = FastPoetryServer.start(own, "127.0.0.1", 0, SharedPoem.of(poem), ServerLimits.DEFAULT, Verbosity.NORMAL);
             Socket socket = Loopback.connect(server.port())) {
            socket.shutdownOutput();
            Loopback.assertWholeOrReset(poem, socket);
        }
    }

    @Test
    void servesOnTheNioTransportToo() throws Exception {
        byte[] poem = "nio, too\n".getBytes();
        try (EventLoops nio = EventLoops.createNio(1);
             RunningServer server = FastPoetryServer.start(nio, "127.0.0.1", 0, SharedPoem.of(poem), ServerLimits.DEFAULT, Verbosity.VERBOSE)) {
            assertEquals("nio", nio.transportName());
            assertArrayEquals(poem, Loopback.readAll(server.port()));
        }
    }

    @Test
    void servesManyClientsAtOnce() throws Exception {
        byte[] poem = Files.readAllBytes(Loopback.poem("ecstasy.txt"));
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try (RunningServer server = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(poem), ServerLimits.DEFAULT, Verbosity.NORMAL)) {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 256; i++) {
                results.add(clients.submit(() -> Loopback.readAll(server.port())));
            }
            for (Future<byte[]> result : results) {
                assertArrayEquals(poem, result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void shrugsOffClientsThatTalk() throws Exception {
        byte[] poem = "listen, do not talk\n".getBytes();
        try (RunningServer server = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(poem), ServerLimits.DEFAULT, Verbosity.NORMAL)) {
            for (int i = 0; i < 20; i++) {
                try (Socket chatty = Loopback.connect(server.port())) {
                    chatty.getOutputStream().write(new byte[10_000]);
                } catch (IOException resetByServer) {
                    // closing with our words unread makes the server's kernel reset; that is fine
                }
            }
            assertArrayEquals(poem, Loopback.readAll(server.port()));
        }
    }

    @Test
    void survivesAClientThatHangsUpAtOnce() throws Exception {
        byte[] poem = "still here\n".getBytes();
        try (RunningServer server = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(poem), ServerLimits.DEFAULT, Verbosity.NORMAL)) {
            for (int i = 0; i < 20; i++) {
                Socket rude = Loopback.connect(server.port());
                rude.setSoLinger(true, 0); // reset instead of a polite close
                rude.close();
            }
            assertArrayEquals(poem, Loopback.readAll(server.port()));
        }
    }
}
