package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.testing.Loopback;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The proxy as users run it: a separate JVM in front of another, SIGHUP, a failure as exit 1, its peak memory. */
class ProxyJarIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final List<PoetryProcess> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws IOException {
        for (PoetryProcess process : started) {
            process.close();
        }
    }

    private PoetryProcess launch(String... args) throws IOException {
        PoetryProcess process = PoetryProcess.start(args);
        started.add(process);
        return process;
    }

    private PoetryProcess serve(int port, Path poem) throws Exception {
        return launch("serve", "--iface", "127.0.0.1", "--port", String.valueOf(port), poem.toString());
    }

    @Test
    void sighupDropsTheCachedPoemSoThatTheNextClientGetsTheUpstreamsNewOne() throws Exception {
        Path first = Loopback.poem("ecstasy.txt");
        Path second = Loopback.poem("alla_sera.txt");
        PoetryProcess upstream = serve(0, first);
        int upstreamPort = upstream.awaitPort("Serving .+", BOUND);
        // SIGHUP as the JVM's default, whatever this test inherited (under nohup it is ignored, and stays so)
        PoetryProcess proxy = PoetryProcess.start(PoetryProcess.command(List.of("env", "--default-signal=HUP"), List.of(),
                "proxy", "--iface", "127.0.0.1", String.valueOf(upstreamPort)));
        started.add(proxy);
        int proxyPort = proxy.awaitPort("Proxying .+", BOUND);
        assertEquals(Files.readString(first), new String(Loopback.readAll(proxyPort), StandardCharsets.UTF_8));

        upstream.process().destroy();
        assertEquals(0, upstream.exitCode(BOUND, "exited"));
        PoetryProcess restarted = serve(upstreamPort, second);
        restarted.awaitPort("Serving .+", BOUND);
        assertEquals(Files.readString(first), new String(Loopback.readAll(proxyPort), StandardCharsets.UTF_8), "still cached");

        Process hangup = new ProcessBuilder("kill", "-HUP", String.valueOf(proxy.process().pid())).start();
        assertEquals(0, hangup.waitFor());
        proxy.awaitErrLine("Dropped the cached poem (SIGHUP); the next client fetches it again", BOUND);

        PoetryProcess get = launch("get", String.valueOf(proxyPort));
        assertEquals(Files.readString(second), get.allOut(BOUND));
        assertEquals(0, get.exitCode(BOUND, "exited"));
        assertTrue(proxy.process().isAlive(), "SIGHUP does not stop the proxy");
    }

    @Test
    void anUpstreamThatSendsWithoutEndFailsAtMaxBytesWithBoundedMemoryAndGetExitsOne() throws Exception {
        try (ServerSocket endless = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread sender = new Thread(() -> {
                while (!endless.isClosed()) {
                    try (Socket socket = endless.accept(); OutputStream out = socket.getOutputStream()) {
                        byte[] block = new byte[64 << 10];
                        while (true) { // a blocking write waits while the proxy's window is full
                            out.write(block);
                        }
                    } catch (IOException closed) {
                        // the proxy gave up on us, as it should; serve the next fetch
                    }
                }
            }, "endless-upstream");
            sender.setDaemon(true);
            sender.start();

            PoetryProcess proxy = launch("proxy", "--iface", "127.0.0.1", String.valueOf(endless.getLocalPort()));
            int proxyPort = proxy.awaitPort("Proxying .+", BOUND);
            PoetryProcess get = launch("get", String.valueOf(proxyPort));
            assertEquals(1, get.exitCode(BOUND, "exited"), "a failure, not a poem");
            String said = get.allErr(BOUND);
            assertTrue(said.contains("reset"), "get says why: " + said);
            proxy.awaitErrLine("Could not fetch the poem: poem longer than 64 MiB (--max-bytes)", BOUND);

            long peakKb = peakResidentKb(proxy.process().pid());
            assertTrue(peakKb < 256 * 1024, "proxy peak RSS " + peakKb / 1024 + " MB");
            System.out.printf("proxy in front of an endless upstream: peak RSS %,d MB (VmHWM)%n", peakKb / 1024);
            assertTrue(proxy.process().isAlive());
        }
    }

    private static long peakResidentKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new AssertionError("no VmHWM in /proc/" + pid + "/status");
    }
}
