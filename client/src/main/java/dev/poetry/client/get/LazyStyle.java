package dev.poetry.client.get;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The tutorial's Haskell client: each poem is a lazily produced stream of lines fed by its
 * connection, and every complete line is printed as soon as it arrives, prefixed by its task, so
 * lines from several servers interleave as the servers send them. Nothing of a poem is held but
 * its current line; one UTF-8 decoder per connection keeps characters split across reads whole.
 */
final class LazyStyle implements LineStyle {

    @Override
    public Tally run(GetRequest request, LineReporter reporter) throws InterruptedException {
        ExecutorService readers = LightweightThreads.perTask();
        try {
            List<Future<Long>> tasks = new ArrayList<>();
            for (Task task : request.tasks()) {
                tasks.add(readers.submit(() -> printLines(request, task, reporter)));
            }
            int failures = 0;
            for (int i = 0; i < tasks.size(); i++) {
                try {
                    tasks.get(i).get();
                } catch (ExecutionException e) {
                    TaskFailure.rethrowError(e.getCause()); // an Error is the run's, not the task's
                    failures++;
                    reporter.failed((TaskFailure) e.getCause());
                }
            }
            return new Tally(tasks.size() - failures, failures, 0);
        } finally {
            readers.shutdownNow();
        }
    }

    /** Prints the task's lines as they arrive; returns the poem's size in bytes. */
    private static long printLines(GetRequest request, Task task, LineReporter reporter) throws TaskFailure {
        long start = System.nanoTime();
        long[] bytes = {0};
        try {
            reporter.started(task);
        } catch (RuntimeException e) {
            throw new TaskFailure(task, Duration.ZERO, e);
        }
        try (Socket socket = BlockingDownload.connect(request, task);
             Stream<String> lines = lines(socket, request, task, (t, n, total) -> {
                 bytes[0] = total;
                 reporter.chunk(t, n, total);
             })) {
            lines.forEach(line -> reporter.line(task, line));
            reporter.ended(task);
            return bytes[0];
        } catch (IOException | RuntimeException e) {
            // A reporter that throws fails its task like a broken connection.
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            throw new TaskFailure(task, Duration.ofNanos(System.nanoTime() - start), cause);
        }
    }

    private static Stream<String> lines(Socket socket, GetRequest request, Task task, BlockingDownload.ChunkListener chunks)
            throws IOException {
        BufferedReader text = new BufferedReader(new InputStreamReader(
                BlockingDownload.input(socket, request, task, chunks), StandardCharsets.UTF_8));
        PoemLines poem = new PoemLines(text);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(poem, Spliterator.ORDERED), false);
    }
}
