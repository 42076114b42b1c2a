package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.poetry.client.get.PartialFiles;
import dev.poetry.client.get.Task;
import dev.poetry.client.get.TaskFailure;
import dev.poetry.net.Address;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GetInterruptionTest {

    /** A thread stuck inside the reporter (writing to a full pipe, say) must not keep a signal from ending the process. */
    @Test
    void endsWithoutTheReporterLockAndRemovesTemporaryFiles(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        ConsoleReporter reporter = new ConsoleReporter(new PoemOutput.Text(new PrintWriter(new StringWriter())),
                new PrintWriter(err, true), false, false);
        PartialFiles files = new PartialFiles();
        files.create(dir.resolve("task-1-h-1.txt"));
        CompletableFuture<Integer> halted = new CompletableFuture<>();
        GetInterruption interruption = new GetInterruption(files, reporter, 2, new PrintWriter(err, true), halted::complete);

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread stuck = new Thread(() -> {
            synchronized (reporter) {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        stuck.start();
        try {
            holding.await(10, TimeUnit.SECONDS);
            interruption.signalled(143);
            assertEquals(143, halted.get(1, TimeUnit.SECONDS), "halted at once, not after the watchdog's bound");
        } finally {
            release.countDown();
            stuck.join(10_000);
        }
        assertEquals("Interrupted: 2 downloads cut off", err.toString().strip());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }

    /** Tasks that ended before the signal (failed, cancelled by --first, a lazy poem read whole) were not cut off. */
    @Test
    void countsOnlyTheDownloadsStillRunning() {
        StringWriter err = new StringWriter();
        ConsoleLineReporter reporter = new ConsoleLineReporter(new PoemOutput.Text(new PrintWriter(new StringWriter())),
                new PrintWriter(err, true), false, false);
        Address nowhere = new Address("127.0.0.1", 1);
        reporter.failed(new TaskFailure(new Task(1, nowhere), Duration.ZERO, new java.io.IOException("refused")));
        reporter.cancelled(new Task(2, nowhere));
        reporter.ended(new Task(3, nowhere));
        CompletableFuture<Integer> halted = new CompletableFuture<>();
        StringWriter said = new StringWriter();
        new GetInterruption(new PartialFiles(), reporter, 5, new PrintWriter(said, true), halted::complete).signalled(130);
        assertEquals("Interrupted: 2 downloads cut off", said.toString().strip());
    }
}

