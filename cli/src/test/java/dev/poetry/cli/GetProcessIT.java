package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.testing.Await;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String JAR = Path.of(System.getProperty("poetry.jar", "target/poetry.jar")).toString();

    private DripServer slow;

    @BeforeEach
    void start() throws IOException {
        slow = new DripServer(400, 50); // 20 s a poem: far longer than any test waits
    }

    @AfterEach
    void stop() throws IOException {
        slow.close();
    }

    /** Everything a stream says, read on its own thread, so no read can hang the test. */
    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        });
    }

    private static List<String> poetry(String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR));
        command.addAll(List.of(args));
        return command;
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "callback", "inline", "blocking", "process", "lazy", "json"})
    void aFullDiskIsOneLineAndExitOneInEveryStyle(String style) throws Exception {
        try (DripServer quick = new DripServer(3, 1)) {
            List<String> args = style.equals("json")
                    ? poetry("get", "--json", String.valueOf(quick.port()))
                    : poetry("get", "--style", style, String.valueOf(quick.port()));
            Process get = new ProcessBuilder(args).redirectOutput(new File("/dev/full")).start();
            CompletableFuture<String> err = drain(get.getErrorStream());
            assertTrue(get.waitFor(60, TimeUnit.SECONDS), "ended");
            String said = err.get(10, TimeUnit.SECONDS);
            assertEquals(1, get.exitValue(), said);
            assertTrue(said.contains("poetry get: cannot write to stdout: No space left on device\n"), said);
            assertFalse(said.contains("Exception"), said);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "--version", "get --help", "get --version", "serve -V"})
    void helpAndVersionToAFullDiskFail(String args) throws Exception {
        Process run = new ProcessBuilder(poetry(args.split(" "))).redirectOutput(new File("/dev/full")).start();
        CompletableFuture<String> err = drain(run.getErrorStream());
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "ended");
        String said = err.get(10, TimeUnit.SECONDS);
        assertEquals(1, run.exitValue(), said);
        assertEquals("poetry: cannot write to stdout: No space left on device", said.strip());
    }

    @Test
    void aClosedPipeEndsEverythingQuietlyWithTheStatusOfSigpipe() throws Exception {
        String pipeline = "set -o pipefail; \"$0\" -jar \"$1\" get --style lazy \"$2\" | head -n 1; echo \"statuses ${PIPESTATUS[*]}\"";
        Process shell = new ProcessBuilder("bash", "-c", pipeline, JAVA, JAR, String.valueOf(slow.port())).start();
        CompletableFuture<String> out = drain(shell.getInputStream());
        CompletableFuture<String> err = drain(shell.getErrorStream());
        assertTrue(shell.waitFor(60, TimeUnit.SECONDS), "ended");
        String said = err.get(10, TimeUnit.SECONDS);
        assertEquals("1: line 1 of a slow poem\nstatuses 141 0\n", out.get(10, TimeUnit.SECONDS), said);
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
                "exec '" + JAVA + "' -jar '" + JAR + "' get " + slow.port(), "/dev/null");
        terminal.environment().put("TERM", "xterm");
        Process script = terminal.redirectErrorStream(true).start();
        StringBuffer screen = new StringBuffer();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try (InputStream in = script.getInputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ended) {
                // the terminal closed
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            Await.until(() -> screen.indexOf(" B") >= 0, Duration.ofSeconds(30), "a progress line drawn");
            ProcessHandle get = script.descendants().filter(p -> p.info().commandLine().orElse("").contains(JAR))
                    .findFirst().orElseThrow();
            assertTrue(new ProcessBuilder("kill", "-INT", String.valueOf(get.pid())).start().waitFor(10, TimeUnit.SECONDS));
            assertTrue(script.waitFor(15, TimeUnit.SECONDS), "ended on SIGINT");
        } finally {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
        reader.join(10_000);
        assertEquals(130, script.exitValue(), screen.toString());
        assertTrue(screen.toString().contains("\r\033[KInterrupted: 1 download cut off"), screen.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalCutsEveryDownloadOffAndLeavesNoFile(String signal, @TempDir Path dir) throws Exception {
        String port = String.valueOf(slow.port());
        Process get = new ProcessBuilder(poetry("get", "--output", dir.toString(), port, port)).start();
        CompletableFuture<String> err = drain(get.getErrorStream());
        try {
            Await.until(() -> slow.linesSent() >= 6, Duration.ofSeconds(30), "both downloads under way");
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(get.pid())).inheritIO().start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
            assertTrue(get.waitFor(15, TimeUnit.SECONDS), "ended on SIG" + signal);
        } finally {
            get.destroyForcibly();
        }
        String said = err.get(10, TimeUnit.SECONDS);
        assertEquals(signal.equals("TERM") ? 143 : 130, get.exitValue(), said);
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
