package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A poem that cannot be put under its {@code --output} name is a failed task, whichever way it was written. */
class GetOutputFailureTest {

    private static EventLoops loops;
    private static RunningServer alla;
    private static RunningServer transform;

    @BeforeAll
    static void start() throws Exception {
        loops = EventLoops.create(1);
        alla = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.load(Loopback.poem("alla_sera.txt")), ServerLimits.DEFAULT, Verbosity.NORMAL);
        transform = TransformServer.start(loops, "127.0.0.1", 0, ServerLimits.DEFAULT,
                new TransformServer.Settings(Transforms.standard(), 1 << 20, Duration.ofSeconds(5), Verbosity.NORMAL));
    }

    @AfterAll
    static void stop() {
        alla.close();
        transform.close();
        loops.close();
    }

    /** The final name is taken by a directory with something in it, which no rename may replace (even as root). */
    @ParameterizedTest
    @ValueSource(strings = {"list", "callback", "inline"})
    void aTransformedPoemThatCannotBeSavedFailsItsTaskAndTheRun(String style, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
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
    void aStreamedPoemThatCannotBeSavedFailsItsTaskAndTheRun(String style, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path target = Files.createDirectories(dir.resolve("task-1-127.0.0.1-" + alla.port() + ".txt"));
        Files.writeString(target.resolve("keep"), "not a poem\n");

        CapturedRun run = new CapturedRun();
        int status = run.execute("get", "--style", style, "--output", dir.toString(), String.valueOf(alla.port()));

        assertEquals(1, status, run.err.toString());
        assertTrue(run.err.toString().contains("(1 failed)"), run.err.toString());
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** A task that --first or --fail-fast cancels mid-download leaves no temporary file behind. */
    @ParameterizedTest
    @ValueSource(strings = {"list --first", "callback --first", "inline --first", "list --fail-fast", "callback --fail-fast",
        "inline --fail-fast"})
    void aCancelledDownloadLeavesNoTemporaryFile(String styleAndEnding, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String[] words = styleAndEnding.split(" ");
        boolean first = words[1].equals("--first");
        int dead;
        try (ServerSocket reserved = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = reserved.getLocalPort();
        }
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
