package dev.poetry.client.get;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The tutorial's client 7 (inlineCallbacks): each task is one method that reads from top to
 * bottom (get the poem, try to transform it, catch the transform's failure, report) on a
 * lightweight thread of its own that waits for each step. The downloads still run on the event
 * loop; only the task's own thread waits. The straight line hides that other tasks run between
 * any two lines, and that cancelling a task means interrupting its thread.
 */
final class InlineStyle implements ComposingStyle {

    /** How one task ended. */
    private enum Ending { POEM, FAILED, CANCELLED }

    @Override
    public Tally run(GetRequest request, Plan plan, PoemReporter reporter) throws InterruptedException {
        RunEnding ending = new RunEnding(plan.until(), request.tasks());
        Map<Task, Future<Ending>> running = new ConcurrentHashMap<>();
        ExecutorService threads = LightweightThreads.perTask();
        try (TaskRunner runner = new TaskRunner(request, plan.transformation(), reporter)) {
            CompletionService<Ending> done = new ExecutorCompletionService<>(threads);
            Runnable cancelTheRest = () -> ending.unsettled().forEach(task -> {
                Future<Ending> thread = running.get(task);
                if (thread != null) {
                    thread.cancel(true);
                }
            });
            int submitted = 0;
            for (Task task : request.tasks()) {
                if (ending.decided()) {
                    break; // the run ended before this task started
                }
                running.put(task, done.submit(() -> getAndReport(runner, task, ending, reporter, cancelTheRest)));
                submitted++;
                if (ending.decided()) {
                    cancelTheRest.run(); // decided while this one was being started
                }
            }
            int poems = 0;
            int failed = 0;
            for (int left = submitted; left > 0; left--) {
                Ending end = ended(done.take());
                if (end == Ending.POEM) {
                    poems++;
                } else if (end == Ending.FAILED) {
                    failed++;
                }
            }
            ending.unsettled().forEach(reporter::cancelled);
            return new Tally(poems, failed, request.tasks().size() - poems - failed);
        } finally {
            threads.shutdownNow();
        }
    }

    /** One task, as straight-line code. Runs on its own thread; each wait blocks only that thread. */
    private static Ending getAndReport(TaskRunner runner, Task task, RunEnding ending, PoemReporter reporter,
                                       Runnable cancelTheRest) {
        long start = System.nanoTime();
        TaskResult poem;
        try {
            reporter.started(task);
            poem = await(runner.download(task));
        } catch (ExecutionException | RuntimeException e) {
            TaskFailure.rethrowError(e);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            TaskFailure failure = cause instanceof TaskFailure taskFailure ? taskFailure
                    : new TaskFailure(task, Duration.ofNanos(System.nanoTime() - start), cause);
            return failed(failure, ending, reporter, cancelTheRest);
        } catch (InterruptedException e) {
            return Ending.CANCELLED;
        }
        try {
            poem = await(runner.transform(poem));
        } catch (ExecutionException transformFailure) {
            TaskFailure.rethrowError(transformFailure);
            poem = runner.keepOriginal(poem, transformFailure.getCause());
        } catch (InterruptedException e) {
            return Ending.CANCELLED;
        }
        RunEnding.Verdict verdict = ending.poem(task);
        if (verdict == RunEnding.Verdict.TOO_LATE) {
            return Ending.CANCELLED;
        }
        try {
            reporter.poem(poem);
        } catch (RuntimeException e) {
            reporter.failed(new TaskFailure(task, poem.elapsed(), e));
            return Ending.FAILED;
        }
        if (verdict == RunEnding.Verdict.REPORT_AND_CANCEL_THE_REST) {
            cancelTheRest.run();
        }
        return Ending.POEM;
    }

    private static Ending failed(TaskFailure failure, RunEnding ending, PoemReporter reporter, Runnable cancelTheRest) {
        RunEnding.Verdict verdict = ending.failure(failure.task());
        if (verdict == RunEnding.Verdict.TOO_LATE) {
            return Ending.CANCELLED;
        }
        reporter.failed(failure);
        if (verdict == RunEnding.Verdict.REPORT_AND_CANCEL_THE_REST) {
            cancelTheRest.run();
        }
        return Ending.FAILED;
    }

    /** Waits for one step; an interrupt (the task was cancelled) cancels the step, which closes its connection. */
    private static <T> T await(CompletableFuture<T> step) throws ExecutionException, InterruptedException {
        try {
            return step.get();
        } catch (InterruptedException e) {
            step.cancel(true);
            throw e;
        }
    }

    /** How a task's thread ended; what it threw while reporting is the run's failure, not the task's. */
    private static Ending ended(Future<Ending> thread) throws InterruptedException {
        try {
            return thread.get();
        } catch (CancellationException e) {
            return Ending.CANCELLED;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }
}
