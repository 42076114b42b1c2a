package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.poetry.testing.Await;
import dev.poetry.testing.Loopback;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a server process does at its edges: signals, descriptor limits, and what it logs about its clients. */
class ServerProcessIT {

    private static final Path JAR = Path.of(System.getProperty("poetry.jar", "target/poetry.jar"));
    private static final Pattern SERVING = Pattern.compile("Serving .+ on 127\\.0\\.0\\.1:(\\d+)\\.");

    @TempDir
    Path dir;

    private Process server;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stopEverything() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.destroyForcibly();
        }
    }

    /** Starts {@code poetry serve ARGS} (behind {@code prefix}, e.g. prlimit), logging to a file; returns its port. */
    private int serve(List<String> prefix, String... args) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "serve", "--iface", "127.0.0.1"));
        command.addAll(List.of(args));
        server = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return "read failed: " + e;
            }
        }).get(30, TimeUnit.SECONDS);
        Matcher m = SERVING.matcher(String.valueOf(line));
        assertTrue(m.matches(), "start-up line: " + line + "; log: " + log());
        return Integer.parseInt(m.group(1));
    }

    private Socket connect(int port) throws IOException {
        Socket socket = Loopback.connect(port);
        sockets.add(socket);
        return socket;
    }

    private String log() throws IOException {
        Path file = dir.resolve("stderr.txt");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** SIGTERM, then the exit status; returns how long the exit took. */
    private Duration terminate() throws Exception {
        long start = System.nanoTime();
        server.toHandle().destroy();
        assertTrue(server.waitFor(15, TimeUnit.SECONDS), "stopped after SIGTERM");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(0, server.exitValue(), log());
        return took;
    }

    @Test
    void sigtermResetsAClientMidPoemAndExitsZeroWithinTheDrainPlusASecond() throws Exception {
        int port = serve(List.of(), "--slow", "--num-bytes", "10", "--delay", "0.05", "--drain", "0.5",
                Loopback.poem("ecstasy.txt").toString());
        InputStream in = connect(port).getInputStream();
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
        assertEquals(10, connect(port).getInputStream().readNBytes(10).length);
        for (int i = 0; i < 3; i++) {
            Socket turnedAway = connect(port);
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
            connect(port);
        }
        String line = "out of file descriptors (limit " + limit + "): refusing new connections; raise ulimit -n or lower --max-connections";
        Await.until(() -> {
            try {
                return log().contains(line);
            } catch (IOException e) {
                return false;
            }
        }, Duration.ofSeconds(10), "the out-of-descriptors line");
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
        try (Socket later = Loopback.connect(port)) {
            assertEquals(10, later.getInputStream().readNBytes(10).length, "served again once descriptors are free");
        }
        terminate();
        String log = log();
        assertEquals(1, log.lines().filter(l -> l.contains("out of file descriptors")).count(), log);
        assertFalse(log.contains("exceptionCaught"), log);
    }
}
