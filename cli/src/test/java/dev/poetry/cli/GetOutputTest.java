package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import dev.poetry.server.fast.FastPoetryServer;
import dev.poetry.server.transform.TransformServer;
import dev.poetry.server.transform.Transforms;
import dev.poetry.testing.Loopback;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code get --output} leaves on disk, and what {@code get --json} promises. */
class GetOutputTest {

    private static EventLoops loops;
    private static RunningServer alla;
    private static RunningServer transform;
    private static String allaPoem;

    @BeforeAll
    static void start() throws Exception {
        loops = EventLoops.create(1);
        alla = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.load(Loopback.poem("alla_sera.txt")), ServerLimits.DEFAULT, Verbosity.NORMAL);
        transform = TransformServer.start(loops, "127.0.0.1", 0, ServerLimits.DEFAULT,
                new TransformServer.Settings(Transforms.standard(), 1 << 20, Duration.ofSeconds(5), Verbosity.NORMAL));
        allaPoem = Files.readString(Loopback.poem("alla_sera.txt"));
    }

    @AfterAll
    static void stop() {
        alla.close();
        transform.close();
        loops.close();
    }

    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** The three ways a poem reaches its file: streamed, streamed by a blocking style, transformed whole. */
    private static String[] get(String way, Path dir, int port) {
        return switch (way) {
            case "streamed" -> new String[] {"get", "--output", dir.toString(), String.valueOf(port)};
            case "blocking" -> new String[] {"get", "--style", "blocking", "--output", dir.toString(), String.valueOf(port)};
            case "transformed" -> new String[] {"get", "--transform", String.valueOf(transform.port()), "--xform", "shout",
                "--output", dir.toString(), String.valueOf(port)};
            default -> throw new IllegalArgumentException(way);
        };
    }

    private static String expected(String way) {
        return way.equals("transformed") ? allaPoem.toUpperCase(java.util.Locale.ROOT) : allaPoem;
    }

    @ParameterizedTest
    @ValueSource(strings = {"streamed", "blocking", "transformed"})
    void aLinkAtTheFinalNameIsReplacedNeverWrittenThrough(String way, @TempDir Path dir) throws Exception {
        Path other = Files.writeString(dir.resolve("precious.txt"), "not a poem\n");
        Path out = Files.createDirectory(dir.resolve("out"));
        Path target = out.resolve("task-1-127.0.0.1-" + alla.port() + ".txt");
        Files.createSymbolicLink(target, other);

        assertEquals(0, new CapturedRun().execute(get(way, out, alla.port())));
        assertEquals("not a poem\n", Files.readString(other), "the link's target is untouched");
        assertTrue(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS), "the final name is now a file of its own");
        assertEquals(expected(way), Files.readString(target));
        assertEquals(List.of(target.getFileName().toString()), listing(out), "no temporary file left");
    }

    @ParameterizedTest
    @ValueSource(strings = {"streamed", "blocking", "transformed"})
    void aDanglingLinkDoesNotCreateItsTarget(String way, @TempDir Path dir) throws Exception {
        Path nowhere = dir.resolve("nowhere.txt");
        Path out = Files.createDirectory(dir.resolve("out"));
        Path target = out.resolve("task-1-127.0.0.1-" + alla.port() + ".txt");
        Files.createSymbolicLink(target, nowhere);

        assertEquals(0, new CapturedRun().execute(get(way, out, alla.port())));
        assertFalse(Files.exists(nowhere, LinkOption.NOFOLLOW_LINKS), "the link's target was not created");
        assertTrue(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS));
        assertEquals(expected(way), Files.readString(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"streamed", "blocking", "transformed"})
    void aRefusedDownloadLeavesAFileAlreadyThereIntact(String way, @TempDir Path dir) throws Exception {
        int dead = deadPort();
        Path existing = Files.writeString(dir.resolve("task-1-127.0.0.1-" + dead + ".txt"), "yesterday's poem\n");

        CapturedRun run = new CapturedRun();
        assertEquals(1, run.execute(get(way, dir, dead)));
        assertEquals("yesterday's poem\n", Files.readString(existing));
        assertEquals(List.of(existing.getFileName().toString()), listing(dir), "no temporary file left");
    }

    /**
     * The event-loop styles over real sockets, under the blocking-call guard (which fails this
     * class if a file is written on a loop): a few megabytes streamed, so reading pauses for the
     * writer, and a transformed poem, which is written whole.
     */
    @ParameterizedTest
    @ValueSource(strings = {"list", "callback", "inline"})
    void theEventLoopStylesWriteTheirFilesOffTheLoop(String style, @TempDir Path dir) throws Exception {
        byte[] big = new byte[8 << 20];
        new java.util.Random(7).nextBytes(big);
        try (RunningServer bigServer = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(big), ServerLimits.DEFAULT,
                Verbosity.NORMAL)) {
            Path streamed = Files.createDirectory(dir.resolve("streamed"));
            CapturedRun run = new CapturedRun();
            assertEquals(0, run.execute("get", "--style", style, "--output", streamed.toString(),
                    String.valueOf(bigServer.port()), String.valueOf(alla.port()), String.valueOf(bigServer.port())), run.err.toString());
            assertArrayEquals(big, Files.readAllBytes(streamed.resolve("task-1-127.0.0.1-" + bigServer.port() + ".txt")));
            assertEquals(allaPoem, Files.readString(streamed.resolve("task-2-127.0.0.1-" + alla.port() + ".txt")));
            assertArrayEquals(big, Files.readAllBytes(streamed.resolve("task-3-127.0.0.1-" + bigServer.port() + ".txt")));
            assertEquals(3, listing(streamed).size(), "no temporary file left: " + listing(streamed));
        }
        Path transformed = Files.createDirectory(dir.resolve("transformed"));
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.execute("get", "--style", style, "--transform", String.valueOf(transform.port()), "--xform", "shout",
                "--output", transformed.toString(), String.valueOf(alla.port())), run.err.toString());
        assertEquals(expected("transformed"), Files.readString(transformed.resolve("task-1-127.0.0.1-" + alla.port() + ".txt")));
        assertEquals(1, listing(transformed).size(), "no temporary file left: " + listing(transformed));
    }

    private static Map<String, Object> parse(String line) throws IOException {
        try (JsonParser json = new JsonFactory().createParser(line)) {
            assertEquals(JsonToken.START_OBJECT, json.nextToken());
            return object(json);
        }
    }

    private static Map<String, Object> object(JsonParser json) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.getCurrentName();
            JsonToken value = json.nextToken();
            fields.put(name, switch (value) {
                case START_OBJECT -> object(json);
                case VALUE_NULL -> null;
                case VALUE_TRUE, VALUE_FALSE -> json.getBooleanValue();
                case VALUE_NUMBER_INT -> json.getLongValue();
                case VALUE_NUMBER_FLOAT -> json.getDoubleValue();
                case VALUE_STRING -> json.getText();
                default -> throw new AssertionError("unexpected " + value + " in " + name);
            });
        }
        return fields;
    }

    @Test
    void everyJsonLineCarriesTheDocumentedFieldsInOrder() throws Exception {
        Instant before = Instant.now().minusMillis(1);
        CapturedRun run = new CapturedRun();
        assertEquals(1, run.execute("get", "--json", String.valueOf(alla.port()), String.valueOf(deadPort())));
        List<String> lines = run.out.toString().lines().toList();
        assertEquals(2, lines.size(), run.out.toString());
        for (String line : lines) {
            Map<String, Object> task = parse(line);
            assertEquals(List.of("task", "address", "ok", "bytes", "started", "seconds", "error", "poem"),
                    List.copyOf(task.keySet()), line);
            String started = (String) task.get("started");
            assertTrue(started.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), started);
            Instant at = Instant.from(DateTimeFormatter.ISO_INSTANT.parse(started));
            assertFalse(at.isBefore(before) || at.isAfter(Instant.now()), started);
        }
        Map<String, Object> poem = parse(lines.get(0));
        assertEquals(true, poem.get("ok"));
        assertEquals((long) allaPoem.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, poem.get("bytes"));
        Map<String, Object> failure = parse(lines.get(1));
        assertEquals(false, failure.get("ok"));
        assertEquals("Connection refused", failure.get("error"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "callback", "inline"})
    void aFailedTransformIsInTheJson(String style) throws Exception {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.execute("get", "--style", style, "--json", "--transform", String.valueOf(deadPort()),
                String.valueOf(alla.port())), "a fallback's exit status is unchanged");
        Map<String, Object> line = parse(run.out.toString().strip());
        assertEquals(true, line.get("ok"), "the download itself worked");
        assertEquals(allaPoem, line.get("poem"), "the untransformed poem");
        assertEquals(Map.of("name", "cummingsify", "ok", false, "error", "Connection refused"), withoutNulls(line.get("transform")));
    }

    @Test
    void aTransformThatWorkedSaysSo() throws Exception {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.execute("get", "--json", "--transform", String.valueOf(transform.port()), "--xform", "shout",
                String.valueOf(alla.port())));
        Map<String, Object> line = parse(run.out.toString().strip());
        @SuppressWarnings("unchecked")
        Map<String, Object> outcome = (Map<String, Object>) line.get("transform");
        assertEquals("shout", outcome.get("name"));
        assertEquals(true, outcome.get("ok"));
        assertTrue(outcome.containsKey("error") && outcome.get("error") == null, line.toString());
    }

    /** Every task of the run, by number, from its JSON line. */
    private static Map<Long, Map<String, Object>> byTask(String out) throws IOException {
        Map<Long, Map<String, Object>> tasks = new java.util.TreeMap<>();
        for (String line : out.lines().toList()) {
            Map<String, Object> task = parse(line);
            assertEquals(List.of("task", "address", "ok", "bytes", "started", "seconds", "error", "poem"), List.copyOf(task.keySet()), line);
            assertEquals(null, tasks.put((Long) task.get("task"), task), "one line per task: " + out);
        }
        return tasks;
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "callback", "inline"})
    void aTaskCancelledByFirstHasItsJsonLine(String style) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CapturedRun run = new CapturedRun();
            // The silent server never sends: only the run's end stops task 1.
            assertEquals(0, run.execute("get", "--style", style, "--json", "--first", String.valueOf(silent.getLocalPort()),
                    String.valueOf(alla.port())), run.err.toString());
            Map<Long, Map<String, Object>> tasks = byTask(run.out.toString());
            assertEquals(List.of(1L, 2L), List.copyOf(tasks.keySet()), run.out.toString());
            Map<String, Object> cancelled = tasks.get(1L);
            assertEquals("127.0.0.1:" + silent.getLocalPort(), cancelled.get("address"));
            assertEquals(false, cancelled.get("ok"));
            assertEquals(0L, cancelled.get("bytes"));
            assertEquals("cancelled", cancelled.get("error"));
            assertEquals(null, cancelled.get("poem"));
            assertTrue(((Number) cancelled.get("seconds")).doubleValue() >= 0, cancelled.toString());
            assertEquals(true, tasks.get(2L).get("ok"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "callback", "inline"})
    void aTaskCancelledByFailFastHasItsJsonLine(String style) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CapturedRun run = new CapturedRun();
            assertEquals(1, run.execute("get", "--style", style, "--json", "--fail-fast", String.valueOf(silent.getLocalPort()),
                    String.valueOf(deadPort())));
            Map<Long, Map<String, Object>> tasks = byTask(run.out.toString());
            assertEquals(List.of(1L, 2L), List.copyOf(tasks.keySet()), run.out.toString());
            assertEquals("cancelled", tasks.get(1L).get("error"));
            assertEquals(false, tasks.get(1L).get("ok"));
            assertEquals("Connection refused", tasks.get(2L).get("error"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutNulls(Object object) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) object);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }

    // A poem that cannot be put under its --output name is a failed task, whichever way it was written.

    /** The final name is taken by a directory with something in it, which no rename may replace (even as root). */
    @ParameterizedTest
    @ValueSource(strings = {"list", "callback", "inline"})
    void aTransformedPoemThatCannotBeSavedFailsItsTaskAndTheRun(String style, @TempDir Path dir) throws Exception {
        Path target = Files.createDirectories(dir.resolve("task-1-127.0.0.1-" + alla.port() + ".txt"));
        Files.writeString(target.resolve("keep"), "not a poem\n");

        CapturedRun run = new CapturedRun();
        int status = run.execute("get", "--style", style, "--transform-server", String.valueOf(transform.port()),
                "--transform-name", "shout", "--output", dir.toString(), String.valueOf(alla.port()));

        assertEquals(1, status, run.err.toString());
        String[] lines = run.err.toString().split("\n");
        assertEquals(2, lines.length, run.err.toString());
        assertTrue(lines[0].startsWith("Task 1: failed to get poetry from 127.0.0.1:" + alla.port() + ": could not write " + target),
                lines[0]);
        assertTrue(lines[1].endsWith("(1 failed)"), lines[1]);
        assertTrue(Files.isDirectory(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "callback", "inline", "blocking", "process"})
    void aStreamedPoemThatCannotBeSavedFailsItsTaskAndTheRun(String style, @TempDir Path dir) throws Exception {
        Path target = Files.createDirectories(dir.resolve("task-1-127.0.0.1-" + alla.port() + ".txt"));
        Files.writeString(target.resolve("keep"), "not a poem\n");

        CapturedRun run = new CapturedRun();
        int status = run.execute("get", "--style", style, "--output", dir.toString(), String.valueOf(alla.port()));

        assertEquals(1, status, run.err.toString());
        assertTrue(run.err.toString().contains("(1 failed)"), run.err.toString());
    }

    /** A task that --first or --fail-fast cancels mid-download leaves no temporary file behind. */
    @ParameterizedTest
    @ValueSource(strings = {"list --first", "callback --first", "inline --first", "list --fail-fast", "callback --fail-fast",
        "inline --fail-fast"})
    void aCancelledDownloadLeavesNoTemporaryFile(String styleAndEnding, @TempDir Path dir) throws Exception {
        String[] words = styleAndEnding.split(" ");
        boolean first = words[1].equals("--first");
        int dead = deadPort();
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CapturedRun run = new CapturedRun();
            // The silent server's task has opened its temporary file and waits when the other task ends the run.
            java.util.concurrent.CompletableFuture<Integer> status = run.start("get", "--style", words[0], words[1],
                    "--output", dir.toString(), String.valueOf(silent.getLocalPort()), String.valueOf(first ? alla.port() : dead));
            try (Socket accepted = silent.accept()) {
                assertEquals(first ? 0 : 1, status.get(20, java.util.concurrent.TimeUnit.SECONDS), run.err.toString());
            }
            List<String> expected = first ? List.of("task-2-127.0.0.1-" + alla.port() + ".txt") : List.of();
            assertEquals(expected, listing(dir), run.err.toString());
        }
    }
}
