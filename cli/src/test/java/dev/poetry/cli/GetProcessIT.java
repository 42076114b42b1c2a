package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.testing.Await;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code poetry get} as a script sees it: a full disk, a closed pipe, a signal. Real processes. */
class GetProcessIT {

    private static final String JAVA = PoetryProcess.JAVA;
    private static final String JAR = PoetryProcess.JAR.toString();

    private DripServer slow;

    @BeforeEach
    void start() throws IOException {
        slow = new DripServer(400, 50); // 20 s a poem: far longer than any test waits
    }

    @AfterEach
    void stop() throws IOException {
        slow.close();
    }

    /** Runs to the end within the bound, stdout to the full disk. */
    private static PoetryProcess.Finished toFullDisk(List<String> command) throws Exception {
        try (PoetryProcess run = PoetryProcess.start(new ProcessBuilder(command).redirectOutput(new File("/dev/full")))) {
            return run.finish(Duration.ofSeconds(60), "ended");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "callback", "inline", "blocking", "process", "lazy", "json"})
    void aFullDiskIsOneLineAndExitOneInEveryStyle(String style) throws Exception {
        try (DripServer quick = new DripServer(3, 1)) {
            List<String> args = style.equals("json")
                    ? PoetryProcess.command("get", "--json", String.valueOf(quick.port()))
                    : PoetryProcess.command("get", "--style", style, String.valueOf(quick.port()));
            PoetryProcess.Finished get = toFullDisk(args);
            String said = get.err();
            assertEquals(1, get.exitCode(), said);
            assertTrue(said.contains("poetry get: cannot write to stdout: No space left on device\n"), said);
            assertFalse(said.contains("Exception"), said);
        }
    }

    @Test
    void aPoemGotSaysOneSummaryLineOnStderrAndNothingElse() throws Exception {
        try (DripServer quick = new DripServer(3, 1);
             PoetryProcess get = PoetryProcess.start(new ProcessBuilder(PoetryProcess.command("get", String.valueOf(quick.port()))))) {
            PoetryProcess.Finished run = get.finish(Duration.ofSeconds(60), "ended");
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.err().matches("Got 1 poem in [0-9.]+ seconds\n"), "no logging set-up, no time of day: " + run.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "--version", "get --help", "get --version", "serve -V"})
    void helpAndVersionToAFullDiskFail(String args) throws Exception {
        PoetryProcess.Finished run = toFullDisk(PoetryProcess.command(args.split(" ")));
        String said = run.err();
        assertEquals(1, run.exitCode(), said);
        assertEquals("poetry: cannot write to stdout: No space left on device", said.strip());
    }

    @Test
    void aClosedPipeEndsEverythingQuietlyWithTheStatusOfSigpipe() throws Exception {
        String pipeline = "set -o pipefail; \"$0\" -jar \"$1\" get --style lazy \"$2\" | head -n 1; echo \"statuses ${PIPESTATUS[*]}\"";
        PoetryProcess.Finished shell;
        try (PoetryProcess run = PoetryProcess.start(List.of("bash", "-c", pipeline, JAVA, JAR, String.valueOf(slow.port())))) {
            shell = run.finish(Duration.ofSeconds(60), "ended");
        }
        String said = shell.err();
        assertEquals("1: line 1 of a slow poem\nstatuses 141 0\n", shell.out(), said);
        assertTrue(said.lines().count() <= 1 && !said.contains("Exception"), said);

        long gone = slow.wentAway.get(0).get(10, TimeUnit.SECONDS);
        assertTrue(gone > 0);
        // head leaves after line 1; the next line's write fails. 60 lines is 3 s: a loaded machine's bound.
        assertTrue(slow.linesSent() < 60, "the server sent " + slow.linesSent() + " lines before the client went away");
    }

    /** Under a pseudo-terminal (util-linux's script), where the live progress line is drawn. */
    @Test
    void ctrlCOnATerminalClearsTheProgressLineBeforeItsOneLine() throws Exception {
        ProcessBuilder terminal = new ProcessBuilder("script", "-qefc",
                "exec env --default-signal=INT '" + JAVA + "' -jar '" + JAR + "' get " + slow.port(), "/dev/null");
        terminal.environment().put("TERM", "xterm");
        PoetryProcess.Finished ended;
        try (PoetryProcess script = PoetryProcess.start(terminal.redirectErrorStream(true))) {
            Await.until(() -> script.outSoFar().contains(" B"), Duration.ofSeconds(30), "a progress line drawn");
            ProcessHandle get = script.process().descendants().filter(p -> p.info().commandLine().orElse("").contains(JAR))
                    .findFirst().orElseThrow();
            assertTrue(new ProcessBuilder("kill", "-INT", String.valueOf(get.pid())).start().waitFor(10, TimeUnit.SECONDS));
            ended = script.finish(Duration.ofSeconds(15), "ended on SIGINT");
        }
        String screen = ended.out();
        assertEquals(130, ended.exitCode(), screen);
        assertTrue(screen.contains("\r\033[KInterrupted: 1 download cut off"), screen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalCutsEveryDownloadOffAndLeavesNoFile(String signal, @TempDir Path dir) throws Exception {
        String port = String.valueOf(slow.port());
        PoetryProcess.Finished get;
        // The signals at their defaults, whatever this test inherited: a background job of a
        // non-interactive shell ignores SIGINT, and get, like any program, then keeps it ignored.
        try (PoetryProcess run = PoetryProcess.start(PoetryProcess.command(List.of("env", "--default-signal=INT,TERM"), List.of(),
                "get", "--output", dir.toString(), port, port))) {
            Await.until(() -> slow.linesSent() >= 6, Duration.ofSeconds(30), "both downloads under way");
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(run.process().pid())).inheritIO().start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
            get = run.finish(Duration.ofSeconds(15), "ended on SIG" + signal);
        }
        String said = get.err();
        assertEquals(signal.equals("TERM") ? 143 : 130, get.exitCode(), said);
        assertEquals("Interrupted: 2 downloads cut off", said.strip());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "neither a final nor a temporary file");
        }
        for (CompletableFuture<Long> connection : slow.wentAway) {
            connection.get(10, TimeUnit.SECONDS); // the connection was closed
        }
        assertTrue(slow.linesSent() < 400, "cut off before the end");
    }
}
