package dev.poetry.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.server.ServerLimits;
import dev.poetry.protocol.EventLoops;
import dev.poetry.server.slow.SlowPoetryServer;
import dev.poetry.testing.Loopback;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TcpServerTest {

    private static EventLoops loops;

    @BeforeAll
    static void startLoops() {
        loops = EventLoops.create(1);
    }

    @AfterAll
    static void stopLoops() {
        loops.close();
    }

    private static RunningServer slowServer(String iface, int port, byte[] poem, int numBytes, Duration delay) {
        return SlowPoetryServer.start(loops, iface, port, SharedPoem.of(poem), new SlowPoetryServer.Pace(numBytes, delay), ServerLimits.DEFAULT, Verbosity.NORMAL);
    }

    @Test
    void reportsItsRealPortAndNumericAddress() {
        try (RunningServer server = slowServer("localhost", 0, new byte[1], 1, Duration.ZERO)) {
            assertTrue(server.port() > 0);
            assertTrue(server.address().toString().endsWith(":" + server.port()));
        }
    }

    @Test
    void saysWhenThePortIsTaken() {
        try (RunningServer first = slowServer("127.0.0.1", 0, new byte[1], 1, Duration.ZERO)) {
            ServerStartException error = assertThrows(ServerStartException.class,
                    () -> slowServer("127.0.0.1", first.port(), new byte[1], 1, Duration.ZERO));
            assertEquals("port " + first.port() + " on 127.0.0.1 is already in use", error.getMessage());
        }
    }

    @Test
    void saysWhenTheInterfaceIsUnknown() {
        ServerStartException error = assertThrows(ServerStartException.class,
                () -> slowServer("no-such-host.invalid", 0, new byte[1], 1, Duration.ZERO));
        assertEquals("unknown interface 'no-such-host.invalid'", error.getMessage());
    }

    @Test
    void saysWhenThePoemFileIsMissingOrADirectory(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.txt");
        assertEquals("no such file: " + missing,
                assertThrows(ServerStartException.class, () -> SharedPoem.load(missing)).getMessage());
        assertEquals(dir + " is a directory, not a poem",
                assertThrows(ServerStartException.class, () -> SharedPoem.load(dir)).getMessage());
        Path poem = Files.writeString(dir.resolve("p.txt"), "a poem\n");
        assertEquals(7, SharedPoem.load(poem).length());
    }

    @Test
    void gracefulShutdownStopsAcceptingButLetsClientsFinish() throws Exception {
        byte[] poem = "a poem that takes a little while\n".getBytes();
        RunningServer server = slowServer("127.0.0.1", 0, poem, 4, Duration.ofMillis(30));
        int port = server.port();
        try (Socket client = Loopback.connect(port)) {
            InputStream in = client.getInputStream();
            assertEquals(4, in.readNBytes(4).length, "the client is in flight");
            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> server.shutdownGracefully(Duration.ofSeconds(10)));
            server.closeFuture().await(5, TimeUnit.SECONDS);
            assertThrows(ConnectException.class, () -> Loopback.connect(port).close(), "no longer accepting");
            byte[] rest = Loopback.readToEnd(in);
            assertArrayEquals(poem, concat(new String(poem, 0, 4).getBytes(), rest));
            shutdown.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void gracefulShutdownCutsOffStragglersAfterTheGracePeriod() throws Exception {
        RunningServer server = slowServer("127.0.0.1", 0, new byte[1000], 1, Duration.ofSeconds(1));
        try (Socket client = Loopback.connect(server.port())) {
            assertEquals(1, client.getInputStream().readNBytes(1).length);
            long start = System.nanoTime();
            server.shutdownGracefully(Duration.ofMillis(200));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
            assertEquals(0, server.openConnections());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
