package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A stop that hangs still ends the process, in its own JVM since the watchdog halts it. */
class StopSignalWatchdogTest {

    @Test
    void aStopThatHangsEndsTheProcessWithStatusOneAtTheBound() throws Exception {
        Process stuck = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StuckStop.class.getName(), "300")
                .redirectErrorStream(true).start();
        try {
            assertTrue(stuck.waitFor(20, TimeUnit.SECONDS), "halted by the watchdog");
            String output = new String(stuck.getInputStream().readAllBytes());
            assertEquals(1, stuck.exitValue(), output);
            assertTrue(output.contains("Stopping took longer than 300 ms; exiting anyway"), output);
        } finally {
            stuck.destroyForcibly();
        }
    }
}
