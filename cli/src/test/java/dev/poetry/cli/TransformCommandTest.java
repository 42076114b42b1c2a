package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransformCommandTest {

    @Test
    void helpTellsTheRequestDeadlineFromTheSilenceBound() {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.execute("transform", "--help"));
        String help = run.out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("--request-timeout=SECONDS Close a client whose whole request has not arrived this long after it connected, however steadily it sends (default: 10)"), help);
        assertTrue(help.contains("--idle-timeout=SECONDS Close a client that sends nothing for this long before its request is whole (default: 30)"), help);
        assertTrue(help.contains("--workers=N Threads that transform requests over 4 KiB, off the event loops (default: the number of cores, here "
                + Runtime.getRuntime().availableProcessors() + ")"), help);
        assertTrue(help.contains("--queue-length=N"), help);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--max-length -5|--max-length must be 0 or more bytes, not -5",
        "--workers 0|--workers must be at least 1, not 0",
        "--queue-length 0|--queue-length must be at least 1, not 0",
        "--request-timeout 0|--request-timeout must be a number of seconds above 0, not 0.0",
        "--request-timeout 1e-10|--request-timeout must be a number of seconds above 0, not 1.0E-10",
        "--idle-timeout 1e-10|--idle-timeout must be a number of seconds above 0, not 1.0E-10",
        "--write-timeout 1e-10|--write-timeout must be a number of seconds above 0, not 1.0E-10",
    })
    void refusesBoundsThatCannotWork(String args, String message) {
        CapturedRun run = new CapturedRun();
        String[] words = ("transform --iface 127.0.0.1 " + args).split(" ");
        assertEquals(2, run.execute(words), run.err.toString());
        assertEquals("poetry transform: " + message + " (see 'poetry transform --help')", run.err.toString().strip());
    }
}
