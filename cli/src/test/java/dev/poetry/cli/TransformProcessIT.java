package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.testing.Await;
import dev.poetry.testing.Loopback;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
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

/** The transform server as a process: costly requests, a stop signal, and what its log says about hostile clients. */
class TransformProcessIT {

    private static final Path JAR = Path.of(System.getProperty("poetry.jar", "target/poetry.jar"));
    private static final Pattern SERVING = Pattern.compile("Serving transforms on 127\\.0\\.0\\.1:(\\d+)\\.");

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

    private int transform(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "transform", "--iface", "127.0.0.1"));
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

    private String log() throws IOException {
        Path file = dir.resolve("stderr.txt");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private Socket send(int port, byte[] request) throws IOException {
        Socket socket = Loopback.connect(port);
        sockets.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        return socket;
    }

    private static byte[] netstring(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        byte[] head = (bytes.length + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[head.length + bytes.length + 1];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(bytes, 0, frame, head.length, bytes.length);
        frame[frame.length - 1] = ',';
        return frame;
    }

    /** Costly requests took 31 s each on the only loop, and SIGTERM waited for them; now a stop is prompt. */
    @Test
    void stopsWithinTheDrainWhileCostlyRequestsAreInFlight() throws Exception {
        int port = transform("--threads", "1", "--drain", "1", "--max-length", String.valueOf(2 << 20), "-q");
        for (int i = 0; i < 4; i++) {
            send(port, netstring("cummingsify." + "\u0130".repeat(1 << 19)));
            send(port, netstring("shout." + "\u00df".repeat(1 << 19)));
        }
        long start = System.nanoTime();
        server.toHandle().destroy();
        assertTrue(server.waitFor(15, TimeUnit.SECONDS), "stopped after SIGTERM");
        long took = System.nanoTime() - start;
        assertEquals(0, server.exitValue(), log());
        assertTrue(took < Duration.ofSeconds(5).toNanos(), "the drain (1 s) plus a second and the JVM's exit, not a transform's time: " + took);
    }

    @Test
    void logsAFloodOfForgedNamesEscapedAndSummarisedEvenUnderQuiet() throws Exception {
        int port = transform("-q");
        String name = "x\n2026-01-01 12:00:00 INFO forged\u001b[2J\u001b[31m";
        for (int i = 0; i < 50; i++) {
            assertTrue(Loopback.closedWithoutReply(port, netstring(name + ".poem")));
        }
        Await.until(() -> {
            try {
                return log().lines().filter(l -> l.contains("unknown transform")).count() >= 10;
            } catch (IOException e) {
                return false;
            }
        }, Duration.ofSeconds(10), "ten refusals logged");
        server.toHandle().destroy();
        assertTrue(server.waitFor(15, TimeUnit.SECONDS), "stopped after SIGTERM");
        String log = log();
        assertFalse(log.contains("\u001b"), log);
        assertTrue(log.lines().noneMatch(l -> l.startsWith("2026-01-01")), log);
        assertEquals(10, log.lines().filter(l -> l.contains("unknown transform 'x\\n2026-01-01 12:00:00 INFO forged\\x1b[2J\\x1b[31m'")).count(), log);
        assertTrue(log.contains("refused 40 more (unknown transform)"), log);
        assertTrue(log.lines().count() < 20, "a few lines, not fifty: " + log);
    }
}
