package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import dev.poetry.server.slow.SlowPoetryServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code poetry get -v} as a process whose stderr stalls for a while ({@code 2>&1 | less}, paused). */
class GetStalledStderrIT {

    /**
     * A line per chunk goes to stderr; a reader that pauses fills the pipe. The event loop must go
     * on reading meanwhile, or a server with a write deadline resets a client that was not at fault.
     */
    @Test
    void aPausedReaderOfStderrDoesNotStopTheDownload(@TempDir Path dir) throws Exception {
        byte[] poem = new byte[40 << 20];
        Arrays.fill(poem, (byte) 'b');
        // Reset after at most 2.5 s without progress (four checks per 2 s deadline): well inside the reader's 6 s pause.
        ServerLimits quickToReset = new ServerLimits(ServerLimits.DEFAULT_MAX_CONNECTIONS, Duration.ofSeconds(2), Duration.ofSeconds(1));
        try (EventLoops loops = EventLoops.create(1);
             RunningServer steady = SlowPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(poem),
                     new SlowPoetryServer.Pace(4096, Duration.ofMillis(1)), quickToReset, Verbosity.QUIET)) {
            Process get = new ProcessBuilder(PoetryProcess.command("get", "-v", String.valueOf(steady.port())))
                    .redirectOutput(dir.resolve("out").toFile())
                    .start();
            try {
                Thread.sleep(6000); // the reader's own pause, not a wait for an event: several write deadlines long
                String said;
                try (InputStream stderr = get.getErrorStream()) {
                    said = new String(stderr.readAllBytes(), StandardCharsets.UTF_8);
                }
                assertTrue(get.waitFor(60, TimeUnit.SECONDS), "get ended");
                assertEquals(0, get.exitValue(), said.lines().filter(line -> !line.contains("bytes of poetry from")).toList().toString());
                String last = said.strip().substring(said.strip().lastIndexOf('\n') + 1);
                assertTrue(last.startsWith("Got 1 poem in "), "the summary is the last line: " + last);
                assertTrue(said.contains("bytes of poetry from"), "the -v lines were written");
                assertEquals(poem.length, Files.size(dir.resolve("out")));
            } finally {
                get.destroyForcibly();
            }
        }
    }
}
