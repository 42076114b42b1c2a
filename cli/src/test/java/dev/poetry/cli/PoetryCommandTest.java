package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.testing.Loopback;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoetryCommandTest {

    private static final Pattern SERVING = Pattern.compile("Serving (.+) on 127\\.0\\.0\\.1:(\\d+)\\.");

    @Test
    void helpListsTheSubcommandsAndExitCodes() {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.execute("--help"));
        String help = run.out.toString();
        for (String expected : new String[] {"serve", "transform", "Exit codes", "--version"}) {
            assertTrue(help.contains(expected), expected + " missing from:\n" + help);
        }
        assertEquals("", run.err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "transform", "get", "proxy"})
    void everyHelpFitsEightyColumnsAndHasExamples(String command) {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.execute("help", command));
        String help = run.out.toString();
        assertTrue(help.contains("Examples:"), help);
        help.lines().forEach(line -> assertTrue(line.length() <= 80, "too wide: " + line));
    }

    @Test
    void versionComesFromTheManifestOrSaysItIsADevelopmentBuild() {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.execute("--version"));
        assertTrue(run.out.toString().startsWith("poetry "), run.out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",                                           // no subcommand
        "recite",                                     // unknown subcommand
        "serve",                                      // no FILE
        "serve --port 70000 poem.txt",                // port out of range
        "serve --port -1 poem.txt",
        "serve --port ten poem.txt",
        "serve --num-bytes 5 poem.txt",               // pace without --slow
        "serve --slow --num-bytes 0 poem.txt",
        "serve --slow --delay -1 poem.txt",
        "serve --slow --delay NaN poem.txt",
        "serve --frobnicate poem.txt",
        "serve -v -q poem.txt",
        "transform --idle-timeout 0",
        "transform --max-length -5",
        "proxy",                                      // no upstream
        "proxy 10001 10002",
        "proxy --ttl 0 10001",
        "proxy --connect-timeout -1 10001",
        "proxy host:port",
        "proxy --max-bytes 0 10001",
        "proxy --max-bytes lots 10001",
        "proxy --max-bytes 2G 10001",                 // more than one buffer can hold
    })
    void usageErrorsExitTwoWithOneLine(String args) {
        CapturedRun run = new CapturedRun();
        assertEquals(2, run.execute(args.isEmpty() ? new String[0] : args.split(" ")), run.err.toString());
        assertEquals(1, run.err.toString().lines().count(), run.err.toString());
        assertTrue(run.err.toString().startsWith("poetry"), run.err.toString());
        assertEquals("", run.out.toString());
    }

    @Test
    void aMissingFileFailsWithOneLine(@TempDir Path dir) {
        CapturedRun run = new CapturedRun();
        Path missing = dir.resolve("missing.txt");
        assertEquals(1, run.execute("serve", "--iface", "127.0.0.1", missing.toString()));
        assertEquals("poetry serve: no such file: " + missing + System.lineSeparator(), run.err.toString());
    }

    @Test
    void aPortInUseFailsWithOneLine() throws Exception {
        CapturedRun first = new CapturedRun();
        CompletableFuture<Integer> serving = first.start("serve", "--iface", "127.0.0.1", Loopback.poem("science.txt").toString());
        int port = port(first.out.firstLine.get(10, TimeUnit.SECONDS));
        try {
            CapturedRun second = new CapturedRun();
            assertEquals(1, second.execute("transform", "--iface", "127.0.0.1", "--port", String.valueOf(port)));
            assertEquals("poetry transform: port " + port + " on 127.0.0.1 is already in use", second.err.toString().strip());
        } finally {
            first.stop.stop();
            assertEquals(0, serving.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void serveAnnouncesItselfServesAndStopsCleanly() throws Exception {
        Path poem = Loopback.poem("alla_sera.txt");
        CapturedRun run = new CapturedRun();
        CompletableFuture<Integer> serving = run.start("serve", "--slow", "--num-bytes", "7", "--delay", "0.001",
                "--iface", "127.0.0.1", poem.toString());
        String line = run.out.firstLine.get(10, TimeUnit.SECONDS);
        assertArrayEquals(Files.readAllBytes(poem), Loopback.readAll(port(line)));
        run.stop.stop();
        assertEquals(0, serving.get(10, TimeUnit.SECONDS));
        assertEquals(line + System.lineSeparator(), run.out.toString(), "stdout carries only the Serving line");
    }

    @Test
    void transformServesUntilStopped() throws Exception {
        CapturedRun run = new CapturedRun();
        CompletableFuture<Integer> serving = run.start("transform", "--iface", "127.0.0.1");
        String line = run.out.firstLine.get(10, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("Serving transforms on 127\\.0\\.0\\.1:(\\d+)\\.").matcher(line);
        assertTrue(m.matches(), line);
        byte[] reply = Loopback.exchange(Integer.parseInt(m.group(1)), Loopback.ascii("16:cummingsify.POEM,"));
        assertEquals("4:poem,", new String(reply, StandardCharsets.US_ASCII));
        run.stop.stop();
        assertEquals(0, serving.get(10, TimeUnit.SECONDS));
    }

    @Test
    void proxyAnnouncesItselfAndServesTheUpstreamPoem() throws Exception {
        Path poem = Loopback.poem("science.txt");
        CapturedRun upstream = new CapturedRun();
        CompletableFuture<Integer> serving = upstream.start("serve", "--iface", "127.0.0.1", poem.toString());
        int upstreamPort = port(upstream.out.firstLine.get(10, TimeUnit.SECONDS));

        CapturedRun proxy = new CapturedRun();
        CompletableFuture<Integer> proxying = proxy.start("proxy", "--iface", "127.0.0.1", "--ttl", "60", String.valueOf(upstreamPort));
        String line = proxy.out.firstLine.get(10, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("Proxying 127\\.0\\.0\\.1:" + upstreamPort + " on 127\\.0\\.0\\.1:(\\d+)\\.").matcher(line);
        assertTrue(m.matches(), line);
        int proxyPort = Integer.parseInt(m.group(1));
        assertArrayEquals(Files.readAllBytes(poem), Loopback.readAll(proxyPort));
        upstream.stop.stop();
        assertEquals(0, serving.get(10, TimeUnit.SECONDS));
        assertArrayEquals(Files.readAllBytes(poem), Loopback.readAll(proxyPort), "from the cache");
        proxy.stop.stop();
        assertEquals(0, proxying.get(10, TimeUnit.SECONDS));
    }

    @Test
    void transformListsItsTransforms() {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.execute("transform", "--list"));
        assertTrue(run.out.toString().startsWith("cummingsify "), run.out.toString());
        assertEquals(3, run.out.toString().lines().count());
    }

    private static int port(String servingLine) {
        Matcher m = SERVING.matcher(servingLine);
        assertTrue(m.matches(), servingLine);
        return Integer.parseInt(m.group(2));
    }
}
