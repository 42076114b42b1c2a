package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.poetry.testing.Await;
import dev.poetry.testing.Loopback;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a server process does at its edges: signals, descriptor limits, and what it logs about its clients. */
class ServerProcessIT {

    @TempDir
    Path dir;

    @AutoClose
    private PoetryProcess server;

    /** Starts {@code poetry serve --iface 127.0.0.1 ARGS} (behind {@code prefix}, e.g. prlimit); returns its port. */
    private int serve(List<String> prefix, String... args) throws Exception {
        List<String> serve = new ArrayList<>(List.of("serve", "--iface", "127.0.0.1"));
        serve.addAll(List.of(args));
        server = PoetryProcess.start(PoetryProcess.command(prefix, List.of(), serve.toArray(String[]::new)));
        return server.awaitPort("Serving .+", Duration.ofSeconds(30));
    }

    private String log() {
        return server.errSoFar();
    }

    /** SIGTERM, then the exit status; returns how long the exit took. */
    private Duration terminate() throws Exception {
        long start = System.nanoTime();
        server.process().toHandle().destroy();
        int status = server.exitCode(Duration.ofSeconds(15), "stopped after SIGTERM");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(0, status, log());
        return took;
    }

    @Test
    void aProxyWhoseJvmCannotHoldTwoPoemsOfItsMaxBytesSaysSoAtStart() throws Exception {
        server = PoetryProcess.start(PoetryProcess.command(List.of(), List.of("-XX:MaxDirectMemorySize=64m"),
                "proxy", "--iface", "127.0.0.1", "1"));
        server.awaitPort("Proxying .+", Duration.ofSeconds(30));
        String warning = server.awaitErrLine("direct memory", Duration.ofSeconds(10));
        assertTrue(warning.contains("--max-bytes 64 MiB needs up to 128 MiB of direct memory") && warning.contains("this JVM allows 64 MiB"),
                warning);
    }

    @Test
    void sigtermResetsAClientMidPoemAndExitsZeroWithinTheDrainPlusASecond() throws Exception {
        int port = serve(List.of(), "--slow", "--num-bytes", "10", "--delay", "0.05", "--drain", "0.5",
                Loopback.poem("ecstasy.txt").toString());
        InputStream in = server.connect(port).getInputStream();
        assertEquals(10, in.readNBytes(10).length, "mid-poem");
        Duration took = terminate();
        assertThrows(IOException.class, () -> Loopback.readToEnd(in), "a reset, never a clean end with a short poem");
        // The bound is drain + 1 s; the rest is slack for a loaded machine and the JVM's own exit.
        assertTrue(took.toMillis() < 500 + 1000 + 1000, "exit took " + took.toMillis() + " ms");
        String log = log();
        assertTrue(log.contains("Cut off 1 connection mid-poem at shutdown"), log);
        assertTrue(log.contains(": the server is shutting down"), log);
        assertFalse(log.contains("went away"), "the server left, not the client: " + log);
    }

    @Test
    void quietLogsNothingForClientsThatHangUp() throws Exception {
        Path poem = Files.write(dir.resolve("big.txt"), new byte[20 << 20]);
        int port = serve(List.of(), "-q", poem.toString());
        hangUpMidPoem(port, 5);
        assertEquals(20 << 20, Loopback.readAll(port).length, "still serving");
        terminate();
        assertEquals("", log());
    }

    @Test
    void normalLogsAClientThatHangsUpAsGoneOncePerConnection() throws Exception {
        Path poem = Files.write(dir.resolve("big.txt"), new byte[20 << 20]);
        int port = serve(List.of(), poem.toString());
        hangUpMidPoem(port, 3);
        assertEquals(20 << 20, Loopback.readAll(port).length, "still serving");
        terminate();
        assertEquals(3, log().lines().filter(line -> line.contains("went away after")).count(), log());
        assertTrue(log().lines().allMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .+")),
                "a server's log lines start with the time of day: " + log());
    }

    private void hangUpMidPoem(int port, int clients) throws IOException {
        for (int i = 0; i < clients; i++) {
            try (Socket rude = Loopback.connect(port)) {
                assertEquals(1000, rude.getInputStream().readNBytes(1000).length);
                rude.setSoLinger(true, 0);
            }
        }
    }

    @Test
    void connectionsOverTheCapAreResetCountedAndLogged() throws Exception {
        int port = serve(List.of(), "--slow", "--delay", "10", "--max-connections", "1", Loopback.poem("ecstasy.txt").toString());
        assertEquals(10, server.connect(port).getInputStream().readNBytes(10).length);
        for (int i = 0; i < 3; i++) {
            Socket turnedAway = server.connect(port);
            assertThrows(IOException.class, () -> Loopback.readToEnd(turnedAway.getInputStream()));
        }
        terminate();
        assertTrue(log().contains("Turned away 3 connections over --max-connections 1 in the last"), log());
    }

    @Test
    void runningOutOfDescriptorsIsOneClearLine() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "needs prlimit");
        int limit = 48;
        int port = serve(List.of("/usr/bin/prlimit", "--nofile=" + limit + ":" + limit),
                "--threads", "1", "--slow", "--delay", "10", "--max-connections", "100000", Loopback.poem("ecstasy.txt").toString());
        for (int i = 0; i < limit; i++) {
            server.connect(port);
        }
        String line = "out of file descriptors (limit " + limit + "): refusing new connections; raise ulimit -n or lower --max-connections";
        Await.until(() -> log().contains(line), Duration.ofSeconds(10), "the out-of-descriptors line");
        server.closeConnections();
        try (Socket later = Loopback.connect(port)) {
            assertEquals(10, later.getInputStream().readNBytes(10).length, "served again once descriptors are free");
        }
        terminate();
        String log = log();
        assertEquals(1, log.lines().filter(l -> l.contains("out of file descriptors")).count(), log);
        assertFalse(log.contains("exceptionCaught"), log);
    }
}
