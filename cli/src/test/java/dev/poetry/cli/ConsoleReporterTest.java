package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.client.Poem;
import dev.poetry.client.get.Task;
import dev.poetry.client.get.TaskFailure;
import dev.poetry.client.get.Delivered;
import dev.poetry.client.get.TaskResult;
import dev.poetry.net.Address;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {

    private static final String CLEAR = "\r\033[K";
    private final Task first = new Task(1, new Address("127.0.0.1", 10001));
    private final Task second = new Task(2, new Address("127.0.0.1", 10002));
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private ConsoleReporter reporter(boolean verbose, boolean terminal) {
        return new ConsoleReporter(new PoemOutput.Text(new PrintWriter(out, true)), new PrintWriter(err, true), verbose, terminal);
    }

    @Test
    void onATerminalDrawsOneProgressLineAndClearsItBeforeAnythingElseAndAtTheEnd() {
        ConsoleReporter reporter = reporter(false, true);
        reporter.chunk(first, 10, 10);
        assertTrue(err.toString().startsWith(CLEAR), err.toString());
        assertTrue(err.toString().contains("1: 10 B"), err.toString());
        reporter.failed(new TaskFailure(second, Duration.ofMillis(5), new IOException("Connection refused")));
        assertTrue(err.toString().contains(CLEAR + "Task 2: failed to get poetry from 127.0.0.1:10002: Connection refused"),
                err.toString());
        reporter.poem(new TaskResult(first, new Delivered.InMemory(Poem.of("a poem\n")), 7, Duration.ofMillis(9)));
        reporter.summary(1, 1);
        String[] lines = err.toString().split("\n");
        assertTrue(lines[lines.length - 1].startsWith("Got 1 poem in "), err.toString());
        assertEquals("a poem\n", out.toString(), "stdout carries only the poem");
    }

    @Test
    void withoutATerminalShowsNoProgressAtAll() {
        ConsoleReporter reporter = reporter(false, false);
        reporter.chunk(first, 10, 10);
        reporter.summary(1, 0);
        assertTrue(!err.toString().contains("\r") && !err.toString().contains("\033"), err.toString());
    }

    @Test
    void verbosePrintsALinePerChunkInsteadOfProgress() {
        ConsoleReporter reporter = reporter(true, true);
        reporter.chunk(first, 10, 10);
        reporter.chunk(second, 3, 3);
        assertEquals("Task 1: got 10 bytes of poetry from 127.0.0.1:10001\nTask 2: got 3 bytes of poetry from 127.0.0.1:10002\n",
                err.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void runningOutOfDescriptorsIsExplainedOnceNotPerTask() {
        ConsoleReporter reporter = reporter(false, false);
        for (Task task : new Task[] {first, second}) {
            reporter.failed(new TaskFailure(task, Duration.ZERO,
                    new IOException("Unable to create Channel", new java.net.SocketException("Too many open files"))));
        }
        String[] lines = err.toString().split("\n");
        assertTrue(lines[0].matches("Task 1: failed to get poetry from 127.0.0.1:10001: too many open files \\(.*see ulimit -n\\)"),
                lines[0]);
        assertEquals("Task 2: failed to get poetry from 127.0.0.1:10002: too many open files", lines[1]);
    }
}
