package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.poetry.client.get.PartialFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
