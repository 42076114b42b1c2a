package dev.poetry.cli;

import dev.poetry.server.ServerLimits;
import dev.poetry.server.Verbosity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.fast.FastPoetryServer;
import dev.poetry.server.transform.TransformServer;
import dev.poetry.server.transform.Transforms;
import dev.poetry.testing.Loopback;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GetCommandTest {

    private static EventLoops loops;
    private static RunningServer science;
    private static RunningServer alla;
    private static RunningServer transform;
    private static String sciencePoem;
    private static String allaPoem;

    @BeforeAll
    static void start() throws Exception {
        loops = EventLoops.create(1);
        science = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.load(Loopback.poem("science.txt")), ServerLimits.DEFAULT, Verbosity.NORMAL);
        alla = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.load(Loopback.poem("alla_sera.txt")), ServerLimits.DEFAULT, Verbosity.NORMAL);
        transform = TransformServer.start(loops, "127.0.0.1", 0, ServerLimits.DEFAULT,
                new TransformServer.Settings(Transforms.standard(), 1 << 20, Duration.ofSeconds(5), Verbosity.NORMAL));
        sciencePoem = Files.readString(Loopback.poem("science.txt"));
        allaPoem = Files.readString(Loopback.poem("alla_sera.txt"));
    }

    @AfterAll
    static void stop() {
        science.close();
        alla.close();
        transform.close();
        loops.close();
    }

    private static int deadPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void printsThePoemsInOrderOnStdoutAndTheSummaryOnStderr() {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.execute("get", String.valueOf(science.port()), "127.0.0.1:" + alla.port()));
        assertEquals(sciencePoem + "\n" + allaPoem, run.out.toString());
        assertTrue(run.err.toString().matches("Got 2 poems in \\d+\\.\\d seconds\\R"), run.err.toString());
    }

    @Test
    void aSinglePoemIsPrintedByteForByte() {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.execute("get", "--style", "blocking", String.valueOf(alla.port())));
        assertEquals(allaPoem, run.out.toString());
        assertTrue(run.err.toString().startsWith("Task 1: got " + allaPoem.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + " bytes of poetry from 127.0.0.1:" + alla.port() + " in "), run.err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "callback", "inline", "blocking", "process", "lazy"})
    void aDeadPortExitsOneWithItsLineAndTheOtherPoemsStillPrinted(String style) throws Exception {
        int dead = deadPort();
        CapturedRun run = new CapturedRun();
        assertEquals(1, run.execute("get", "--style", style, String.valueOf(science.port()), String.valueOf(dead)));
        String expected = style.equals("lazy") ? sciencePoem.replaceAll("(?m)^", "1: ").replaceFirst("1: $", "") : sciencePoem;
        assertEquals(expected, run.out.toString());
        List<String> err = run.err.toString().lines().toList();
        assertTrue(err.contains("Task 2: failed to get poetry from 127.0.0.1:" + dead + ": Connection refused"), err.toString());
        assertTrue(err.get(err.size() - 1).matches("Got 1 poem in \\d+\\.\\d seconds \\(1 failed\\)"), err.toString());
    }

    @Test
    void transformsAndSaysSoWhenItCannot() throws Exception {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.execute("get", "--transform-server", String.valueOf(transform.port()), String.valueOf(science.port())));
        assertEquals(sciencePoem.toLowerCase(java.util.Locale.ROOT), run.out.toString());

        int dead = deadPort();
        CapturedRun fallback = new CapturedRun();
        assertEquals(0, fallback.execute("get", "--transform-server", String.valueOf(dead), String.valueOf(science.port())));
        assertEquals(sciencePoem, fallback.out.toString());
        assertTrue(fallback.err.toString().startsWith("Task 1: transform cummingsify failed: Connection refused"), fallback.err.toString());
    }

    @Test
    void theTutorialsSpellingsStillWorkAsHiddenAliases() {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.execute("get", "--transform", String.valueOf(transform.port()), "--xform", "shout", String.valueOf(science.port())));
        assertEquals(sciencePoem.toUpperCase(java.util.Locale.ROOT), run.out.toString());
        CapturedRun help = new CapturedRun();
        help.execute("get", "--help");
        assertTrue(help.out.toString().contains("--transform-server=ADDRESS"), help.out.toString());
        assertTrue(!help.out.toString().contains("--xform") && !help.out.toString().contains("--transform="), help.out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "callback", "inline"})
    void firstPrintsTheFirstPoemCancelsTheRestAndExitsZeroDespiteAFailure(String style) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            int dead = deadPort();
            CapturedRun run = new CapturedRun();
            long start = System.nanoTime();
            // The silent server accepts (in its backlog) and never sends: only cancellation ends that task before --timeout.
            assertEquals(0, run.execute("get", "--style", style, "--first", "--transform-server", String.valueOf(transform.port()),
                    "--transform-name", "shout", String.valueOf(silent.getLocalPort()), String.valueOf(dead), String.valueOf(science.port())));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "did not wait for the silent server");
            assertEquals(sciencePoem.toUpperCase(java.util.Locale.ROOT), run.out.toString(), "the winning poem, transformed");
            List<String> err = run.err.toString().lines().toList();
            assertTrue(err.contains("Task 2: failed to get poetry from 127.0.0.1:" + dead + ": Connection refused"), err.toString());
            assertTrue(err.contains("Cancelled 1 download no longer needed"), err.toString());
        }
    }

    @Test
    void firstExitsOneOnlyWhenEveryTaskFailed() throws Exception {
        CapturedRun run = new CapturedRun();
        assertEquals(1, run.execute("get", "--first", String.valueOf(deadPort()), String.valueOf(deadPort())));
        assertEquals("", run.out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "callback", "inline"})
    void failFastStopsAtTheFirstFailureWithItsLine(String style) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            int dead = deadPort();
            CapturedRun run = new CapturedRun();
            long start = System.nanoTime();
            assertEquals(1, run.execute("get", "--style", style, "--fail-fast", String.valueOf(silent.getLocalPort()),
                    String.valueOf(dead)));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "did not wait for the silent server");
            assertEquals("", run.out.toString());
            List<String> err = run.err.toString().lines().toList();
            assertEquals("Task 2: failed to get poetry from 127.0.0.1:" + dead + ": Connection refused", err.get(0));
            assertTrue(err.get(err.size() - 1).matches("Got 0 poems in \\d+\\.\\d seconds \\(1 failed\\)"), err.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "callback", "inline", "blocking", "process", "lazy"})
    void drawsTheTimelineOfEveryStyle(String style, @TempDir Path dir) throws Exception {
        int dead = deadPort();
        Path data = dir.resolve("run.tsv");
        CapturedRun run = new CapturedRun();
        assertEquals(1, run.execute("get", "--style", style, "--timeline", data.toString(), String.valueOf(science.port()),
                String.valueOf(alla.port()), String.valueOf(dead)));
        dev.poetry.cli.timeline.Timeline recorded = dev.poetry.cli.timeline.TimelineFile.read(data, null);
        assertEquals(3, recorded.tracks().size());
        assertEquals(dev.poetry.cli.timeline.Timeline.Ending.FAILED, recorded.tracks().get(2).ending());
        long bytes = recorded.tracks().get(0).chunks().stream().mapToLong(dev.poetry.cli.timeline.Timeline.Chunk::bytes).sum();
        assertEquals(sciencePoem.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, bytes, "every byte is in a chunk");

        Path picture = dir.resolve("run.svg");
        assertEquals(0, new CapturedRun().execute("timeline", picture.toString(), style + "=" + data));
        dev.poetry.cli.timeline.SvgDocument svg = dev.poetry.cli.timeline.SvgDocument.parse(Files.readString(picture));
        assertEquals(3, svg.byClass("track").size());
        int chunks = recorded.tracks().stream().mapToInt(track -> track.chunks().size()).sum();
        assertEquals(chunks, svg.byClass("chunk").size(), "a mark per chunk");
        assertEquals("Task 1  127.0.0.1:" + science.port(), svg.byClass("label").get(0).getTextContent());
    }

    @Test
    void writesTheTimelineAsSvgOrAsTextOnStderr(@TempDir Path dir) throws Exception {
        Path picture = dir.resolve("run.svg");
        assertEquals(0, new CapturedRun().execute("get", "--timeline", picture.toString(), String.valueOf(alla.port())));
        dev.poetry.cli.timeline.SvgDocument svg = dev.poetry.cli.timeline.SvgDocument.parse(Files.readString(picture));
        assertEquals(1, svg.byClass("track").size());
        assertTrue(svg.scriptFree());

        CapturedRun text = new CapturedRun();
        assertEquals(0, text.execute("get", "--timeline", "-", String.valueOf(alla.port())));
        assertEquals(allaPoem, text.out.toString());
        List<String> err = text.err.toString().lines().toList();
        assertTrue(err.get(0).startsWith("Timeline: 60 columns of "), err.toString());
        assertTrue(err.get(1).matches("Task 1 127\\.0\\.0\\.1:\\d+ \\|[ #-]{60}\\| poem"), err.toString());
    }

    @Test
    void printsOneJsonObjectPerTask() throws Exception {
        int dead = deadPort();
        CapturedRun run = new CapturedRun();
        assertEquals(1, run.execute("get", "--json", String.valueOf(alla.port()), String.valueOf(dead)));
        List<String> lines = run.out.toString().lines().toList();
        assertEquals(2, lines.size());
        Map<String, Object> first = parse(lines.get(0));
        assertEquals(1, first.get("task"));
        assertEquals("127.0.0.1:" + alla.port(), first.get("address"));
        assertEquals(true, first.get("ok"));
        assertEquals(allaPoem, first.get("poem"));
        assertEquals(null, first.get("error"));
        Map<String, Object> second = parse(lines.get(1));
        assertEquals(false, second.get("ok"));
        assertEquals("Connection refused", second.get("error"));
        assertEquals(0, second.get("bytes"));
    }

    @Test
    void writesEachPoemToItsFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("poems");
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.execute("get", "--output", out.toString(), String.valueOf(alla.port()), String.valueOf(alla.port())));
        assertEquals("", run.out.toString());
        assertEquals(allaPoem, Files.readString(out.resolve("task-1-127.0.0.1-" + alla.port() + ".txt")));
        assertEquals(allaPoem, Files.readString(out.resolve("task-2-127.0.0.1-" + alla.port() + ".txt")));
    }

    @Test
    void streamsAFiftyMegabytePoemToItsFileExactly(@TempDir Path dir) throws Exception {
        byte[] big = new byte[50 << 20];
        new java.util.Random(11).nextBytes(big);
        try (RunningServer server = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(big), ServerLimits.DEFAULT, Verbosity.NORMAL)) {
            CapturedRun run = new CapturedRun();
            assertEquals(0, run.execute("get", "--output", dir.toString(), String.valueOf(server.port())));
            Path file = dir.resolve("task-1-127.0.0.1-" + server.port() + ".txt");
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            assertEquals(java.util.HexFormat.of().formatHex(sha.digest(big)),
                    java.util.HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))));
            assertEquals("", run.out.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "get",
        "get 0",
        "get 70000",
        "get localhost:",
        "get ::1:10001",
        "get --output /tmp/x --json 10001",
        "get --xform shout 10001",
        "get --transform-name shout 10001",
        "get --transform 10010 --transform-server 10010 10001",
        "get --style blocking --first 10001",
        "get --style process --fail-fast 10001",
        "get --style lazy --first 10001",
        "get --first --fail-fast 10001",
        "get --timeline run.png 10001",
        "get --transform 10010 --xform a.b 10001",
        "get --style blocking --transform 10010 10001",
        "get --style sideways 10001",
        "get --style process --transform 10010 10001",
        "get --style lazy --json 10001",
        "get --style lazy --output /tmp/x 10001",
        "get --timeout 0 10001",
    })
    void usageErrorsExitTwoWithOneLine(String args) {
        CapturedRun run = new CapturedRun();
        assertEquals(2, run.execute(args.split(" ")), run.err.toString());
        assertEquals(1, run.err.toString().lines().count(), run.err.toString());
        assertTrue(run.err.toString().startsWith("poetry get: "), run.err.toString());
    }

    @Test
    void aBadAddressIsNamedInTheError() {
        CapturedRun run = new CapturedRun();
        assertEquals(2, run.execute("get", "10001", "nope:x"));
        assertTrue(run.err.toString().contains("'nope:x' is not an address"), run.err.toString());
    }

    private static Map<String, Object> parse(String line) throws Exception {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(line)) {
            assertEquals(JsonToken.START_OBJECT, parser.nextToken());
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                fields.put(name, switch (value) {
                    case VALUE_NUMBER_INT -> parser.getIntValue();
                    case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                    case VALUE_TRUE, VALUE_FALSE -> parser.getBooleanValue();
                    case VALUE_NULL -> null;
                    default -> parser.getText();
                });
            }
        }
        return fields;
    }
}
