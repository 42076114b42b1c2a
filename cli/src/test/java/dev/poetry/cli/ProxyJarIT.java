package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.testing.Loopback;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The proxy as users run it: a separate JVM in front of another, SIGHUP, a failure as exit 1, its peak memory. */
class ProxyJarIT {

    private static final Path JAR = Path.of(System.getProperty("poetry.jar", "target/poetry.jar"));
    private static final long BOUND_SECONDS = 30;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Process::destroyForcibly);
    }

    /** A child process whose output lines are read on their own threads, so that every wait for one is bounded. */
    private record Child(Process process, BlockingQueue<String> out, BlockingQueue<String> err) {

        String nextOutLine() throws InterruptedException {
            return next(out, "stdout");
        }

        /** Waits for a line of stderr that contains {@code text}, and returns it. */
        String awaitErr(String text) throws InterruptedException {
            for (String line; (line = next(err, "stderr")) != null; ) {
                if (line.contains(text)) {
                    return line;
                }
            }
            throw new AssertionError("stderr ended without '" + text + "'");
        }

        private String next(BlockingQueue<String> lines, String stream) throws InterruptedException {
            String line = lines.poll(BOUND_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("no line on " + stream + " within " + BOUND_SECONDS + " s");
            }
            return line.equals(EOF) ? null : line;
        }

        String all(BlockingQueue<String> lines) throws InterruptedException {
            StringBuilder text = new StringBuilder();
            for (String line; (line = next(lines, "output")) != null; ) {
                text.append(line).append('\n');
            }
            return text.toString();
        }
    }

    private static final String EOF = "\u0000EOF";

    private Child launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return new Child(process, lines(process.getInputStream()), lines(process.getErrorStream()));
    }

    private static BlockingQueue<String> lines(InputStream stream) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the process is gone; EOF below says so
            }
            lines.add(EOF);
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static int port(Child child, String pattern) throws InterruptedException {
        String line = child.nextOutLine();
        Matcher m = Pattern.compile(pattern + " on 127\\.0\\.0\\.1:(\\d+)\\.").matcher(String.valueOf(line));
        assertTrue(m.matches(), "start-up line: " + line);
        return Integer.parseInt(m.group(1));
    }

    private Child serve(int port, Path poem) throws Exception {
        return launch("serve", "--iface", "127.0.0.1", "--port", String.valueOf(port), poem.toString());
    }

    private static int exit(Child child) throws InterruptedException {
        assertTrue(child.process().waitFor(BOUND_SECONDS, TimeUnit.SECONDS), "exited");
        return child.process().exitValue();
    }

    @Test
    void sighupDropsTheCachedPoemSoThatTheNextClientGetsTheUpstreamsNewOne() throws Exception {
        Path first = Loopback.poem("ecstasy.txt");
        Path second = Loopback.poem("alla_sera.txt");
        Child upstream = serve(0, first);
        int upstreamPort = port(upstream, "Serving .+");
        Child proxy = launch("proxy", "--iface", "127.0.0.1", String.valueOf(upstreamPort));
        int proxyPort = port(proxy, "Proxying .+");
        assertEquals(Files.readString(first), new String(Loopback.readAll(proxyPort), StandardCharsets.UTF_8));

        upstream.process().destroy();
        assertEquals(0, exit(upstream));
        Child restarted = serve(upstreamPort, second);
        port(restarted, "Serving .+");
        assertEquals(Files.readString(first), new String(Loopback.readAll(proxyPort), StandardCharsets.UTF_8), "still cached");

        Process hangup = new ProcessBuilder("kill", "-HUP", String.valueOf(proxy.process().pid())).start();
        assertEquals(0, hangup.waitFor());
        proxy.awaitErr("Dropped the cached poem (SIGHUP); the next client fetches it again");

        Child get = launch("get", String.valueOf(proxyPort));
        assertEquals(Files.readString(second), get.all(get.out()));
        assertEquals(0, exit(get));
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

            Child proxy = launch("proxy", "--iface", "127.0.0.1", String.valueOf(endless.getLocalPort()));
            int proxyPort = port(proxy, "Proxying .+");
            Child get = launch("get", String.valueOf(proxyPort));
            assertEquals(1, exit(get), "a failure, not a poem");
            String said = get.all(get.err());
            assertTrue(said.contains("reset"), "get says why: " + said);
            proxy.awaitErr("Could not fetch the poem: poem longer than 64 MiB (--max-bytes)");

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
