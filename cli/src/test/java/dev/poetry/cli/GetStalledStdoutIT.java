package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import dev.poetry.server.fast.FastPoetryServer;
import dev.poetry.server.slow.SlowPoetryServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code poetry get} as a process whose stdout stalls for a while. */
class GetStalledStdoutIT {

    /**
     * The inline and callback styles print each poem as it completes, while other downloads go on.
     * A reader of stdout that pauses (a pager, a full pipe) holds the printing thread in its write;
     * the event loop must go on reading the other downloads meanwhile, or a server with a write
     * deadline resets a client that was not at fault.
     */
    @ParameterizedTest
    @ValueSource(strings = {"inline", "callback"})
    void aPausedReaderOfStdoutDoesNotStopTheOtherDownloads(String style, @TempDir Path dir) throws Exception {
        byte[] first = new byte[1 << 20]; // far more than a pipe holds: its write blocks until the reader reads
        Arrays.fill(first, (byte) 'a');
        byte[] second = new byte[40 << 20];
        Arrays.fill(second, (byte) 'b');
        // Reset after at most 2.5 s without progress (four checks per 2 s deadline): well inside the reader's 6 s pause.
        ServerLimits quickToReset = new ServerLimits(ServerLimits.DEFAULT_MAX_CONNECTIONS, Duration.ofSeconds(2), Duration.ofSeconds(1));
        try (EventLoops loops = EventLoops.create(1);
             RunningServer quick = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(first), ServerLimits.DEFAULT, Verbosity.QUIET);
             RunningServer steady = SlowPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(second),
                     new SlowPoetryServer.Pace(1 << 20, Duration.ofMillis(100)), quickToReset, Verbosity.QUIET)) {
            Process get = new ProcessBuilder(PoetryProcess.command("get", "--style", style,
                    String.valueOf(quick.port()), String.valueOf(steady.port())))
                    .redirectError(dir.resolve("err").toFile())
                    .start();
            try {
                Thread.sleep(6000); // the reader's own pause, not a wait for an event: several write deadlines long
                try (InputStream stdout = get.getInputStream()) {
                    stdout.transferTo(OutputStream.nullOutputStream());
                }
                get.waitFor(60, TimeUnit.SECONDS);
                assertEquals(0, get.exitValue(), Files.readString(dir.resolve("err")));
            } finally {
                get.destroyForcibly();
            }
        }
    }
}
