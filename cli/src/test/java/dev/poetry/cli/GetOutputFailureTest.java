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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
}
