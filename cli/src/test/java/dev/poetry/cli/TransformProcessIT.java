package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.testing.Await;
import dev.poetry.testing.Loopback;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The transform server as a process: costly requests, a stop signal, and what its log says about hostile clients. */
class TransformProcessIT {

    @AutoClose
    private PoetryProcess server;

    /** Starts {@code poetry transform --iface 127.0.0.1 ARGS}; returns its port. */
    private int transform(String... args) throws Exception {
        List<String> transform = new ArrayList<>(List.of("transform", "--iface", "127.0.0.1"));
        transform.addAll(List.of(args));
        server = PoetryProcess.start(transform.toArray(String[]::new));
        return server.awaitPort("Serving transforms", Duration.ofSeconds(30));
    }

    private String log() {
        return server.errSoFar();
    }

    private Socket send(int port, byte[] request) throws IOException {
        Socket socket = server.connect(port);
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
        server.process().toHandle().destroy();
        int status = server.exitCode(Duration.ofSeconds(15), "stopped after SIGTERM");
        long took = System.nanoTime() - start;
        assertEquals(0, status, log());
        assertTrue(took < Duration.ofSeconds(5).toNanos(), "the drain (1 s) plus a second and the JVM's exit, not a transform's time: " + took);
    }

    /**
     * 150 clients that send a 1 MB request and never read pin its reply until the write timeout, which
     * fills the launcher's 64 MB of direct memory; the JDK's allocator then slept on every event loop
     * (System.gc() and up to half a second per allocation) and nobody else was answered.
     */
    @Test
    void answersAGoodClientPromptlyWhileStalledClientsHoldEveryByteOfDirectMemory() throws Exception {
        server = PoetryProcess.start(PoetryProcess.command(List.of(),
                List.of("-XX:+UseSerialGC", "-Xmx64m", "-XX:MaxDirectMemorySize=64m"), // the launcher's bounds for a server
                "transform", "--iface", "127.0.0.1", "-q"));
        int port = server.awaitPort("Serving transforms", Duration.ofSeconds(30));
        byte[] request = netstring("cummingsify." + "A".repeat(1_000_000));
        for (int i = 0; i < 150; i++) {
            Socket stalled = server.connect(port);
            stalled.setReceiveBufferSize(4096);
            stalled.getOutputStream().write(request);
        }
        try (Socket good = server.connect(port)) {
            good.setSoTimeout(2_000);
            good.getOutputStream().write(netstring("cummingsify.HERE IS MY POEM"));
            assertEquals("15:here is my poem,", new String(good.getInputStream().readAllBytes(), StandardCharsets.US_ASCII),
                    "answered within 2 s");
        }
    }

    @Test
    void logsAFloodOfForgedNamesEscapedAndSummarisedEvenUnderQuiet() throws Exception {
        int port = transform("-q");
        String name = "x\n2026-01-01 12:00:00 INFO forged\u001b[2J\u001b[31m";
        for (int i = 0; i < 50; i++) {
            assertTrue(Loopback.closedWithoutReply(port, netstring(name + ".poem")));
        }
        Await.until(() -> log().lines().filter(l -> l.contains("unknown transform")).count() >= 10,
                Duration.ofSeconds(10), "ten refusals logged");
        server.process().toHandle().destroy();
        server.exitCode(Duration.ofSeconds(15), "stopped after SIGTERM");
        String log = log();
        assertFalse(log.contains("\u001b"), log);
        assertTrue(log.lines().noneMatch(l -> l.startsWith("2026-01-01")), log);
        assertEquals(10, log.lines().filter(l -> l.contains("unknown transform 'x\\n2026-01-01 12:00:00 INFO forged\\x1b[2J\\x1b[31m'")).count(), log);
        assertTrue(log.contains("refused 40 more (unknown transform)"), log);
        assertTrue(log.lines().count() < 20, "a few lines, not fifty: " + log);
    }
}
