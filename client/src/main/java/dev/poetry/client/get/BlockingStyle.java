package dev.poetry.client.get;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * The tutorial's blocking client: one server after another over plain blocking sockets, no event
 * loop. It exists to be compared: its total time is the sum of the servers' times.
 */
final class BlockingStyle implements PoemStyle {

    @Override
    public Tally run(GetRequest request, PoemReporter reporter) {
        int poems = 0;
        int failures = 0;
        for (Task task : request.tasks()) {
            long start = System.nanoTime();
            try {
                reporter.started(task);
                TaskResult result = BlockingDownload.fetch(request, task, reporter);
                reporter.note(String.format(Locale.ROOT, "Task %d: got %d bytes of poetry from %s in %.1fs",
                        task.number(), result.bytes(), task.address(), result.elapsed().toNanos() / 1e9));
                reporter.poem(result);
                poems++;
            } catch (IOException | RuntimeException e) {
                // A reporter that throws fails its task like a broken connection; the next server is still tried.
                failures++;
                reporter.failed(new TaskFailure(task, Duration.ofNanos(System.nanoTime() - start), e));
            }
        }
        return new Tally(poems, failures, 0);
    }
}
