package dev.poetry.client.get;

import dev.poetry.client.FailureReason;
import dev.poetry.client.OffLoopPoemSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The tutorial's clients 3 to 5: each download is given a callback for its poem and an errback
 * for its failure, and each poem is printed the moment it completes. With a transform, the
 * callback starts a second request with callbacks of its own: the nesting that made the tutorial
 * reach for Deferreds. Whatever a callback throws ends its task, so the run always ends.
 *
 * <p>The callbacks run one at a time, in the order their steps end, as a reactor runs them, but on
 * a thread of their own rather than the event loop's: printing a poem may block (a reader of
 * stdout that pauses), and the loop must go on reading every other download meanwhile.
 */
final class CallbackStyle implements ComposingStyle {

    @Override
    public Tally run(GetRequest request, Plan plan, PoemReporter reporter) throws InterruptedException {
        ExecutorService callbacks = OffLoopPoemSink.newWriter("poetry-callbacks");
        try (TaskRunner runner = new TaskRunner(request, plan.transformation(), reporter)) {
            Run run = new Run(runner, request.tasks(), new RunEnding(plan.until(), request.tasks()), reporter, callbacks);
            return run.start();
        } finally {
            callbacks.shutdownNow();
        }
    }

    /** One run's state, shared by the callbacks of every task; they are called on the run's callback thread. */
    private static final class Run {
        private final TaskRunner runner;
        /** One thread, taking callbacks in order from a queue the event loop hands them to without waiting. */
        private final Executor callbacks;
        private final List<Task> tasks;
        private final RunEnding ending;
        private final PoemReporter reporter;
        private final CountDownLatch remaining;
        private final Set<Task> ended = ConcurrentHashMap.newKeySet();
        private final Map<Task, CompletableFuture<TaskResult>> running = new ConcurrentHashMap<>();
        private final AtomicInteger poems = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();
        private final AtomicReference<Throwable> runFailure = new AtomicReference<>();

        Run(TaskRunner runner, List<Task> tasks, RunEnding ending, PoemReporter reporter, Executor callbacks) {
            this.runner = runner;
            this.callbacks = callbacks;
            this.tasks = tasks;
            this.ending = ending;
            this.reporter = reporter;
            this.remaining = new CountDownLatch(tasks.size());
        }

        Tally start() throws InterruptedException {
            for (Task task : tasks) {
                if (ending.decided()) {
                    break; // the run was decided before these tasks started: they end as cancelled
                }
                guarded(task, () -> {
                    reporter.started(task);
                    getPoetry(task,
                            poem -> transformPoetry(poem,
                                    this::gotPoem,
                                    transformError -> gotPoem(runner.keepOriginal(poem, transformError))),
                            this::poemFailed);
                });
                if (ending.decided()) {
                    cancelTheRest(); // decided on the event loop while this task was being started
                }
            }
            remaining.await();
            Throwable failure = runFailure.get();
            if (failure != null) {
                running.values().forEach(step -> step.cancel(true));
                if (failure instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) failure;
            }
            return new Tally(poems.get(), failures.get(), tasks.size() - poems.get() - failures.get());
        }

        private void getPoetry(Task task, Consumer<TaskResult> callback, Consumer<TaskFailure> errback) {
            CompletableFuture<TaskResult> download = runner.download(task);
            running.put(task, download);
            download.whenCompleteAsync((poem, error) -> guarded(task, () -> {
                if (error == null) {
                    callback.accept(poem);
                } else if (FailureReason.unwrap(error) instanceof CancellationException) {
                    cancelled(task);
                } else {
                    TaskFailure.rethrowError(error);
                    errback.accept(TaskFailure.from(error));
                }
            }), callbacks);
        }

        private void transformPoetry(TaskResult poem, Consumer<TaskResult> callback, Consumer<Throwable> errback) {
            CompletableFuture<TaskResult> transform = runner.transform(poem);
            running.put(poem.task(), transform);
            transform.whenCompleteAsync((transformed, error) -> guarded(poem.task(), () -> {
                if (error == null) {
                    callback.accept(transformed);
                } else if (FailureReason.unwrap(error) instanceof CancellationException) {
                    cancelled(poem.task());
                } else {
                    TaskFailure.rethrowError(error);
                    errback.accept(error);
                }
            }), callbacks);
        }

        private void gotPoem(TaskResult poem) {
            RunEnding.Verdict verdict = ending.poem(poem.task());
            if (verdict == RunEnding.Verdict.TOO_LATE) {
                cancelled(poem.task());
                return;
            }
            try {
                reporter.poem(poem);
                poems.incrementAndGet();
            } catch (RuntimeException e) {
                failures.incrementAndGet(); // the task already has its verdict: report, don't ask again
                reporter.failed(new TaskFailure(poem.task(), poem.elapsed(), e));
            } finally {
                end(poem.task());
            }
            if (verdict == RunEnding.Verdict.REPORT_AND_CANCEL_THE_REST) {
                cancelTheRest();
            }
        }

        private void poemFailed(TaskFailure failure) {
            RunEnding.Verdict verdict = ending.failure(failure.task());
            if (verdict == RunEnding.Verdict.TOO_LATE) {
                cancelled(failure.task());
                return;
            }
            failures.incrementAndGet();
            try {
                reporter.failed(failure);
            } finally {
                end(failure.task());
            }
            if (verdict == RunEnding.Verdict.REPORT_AND_CANCEL_THE_REST) {
                cancelTheRest();
            }
        }

        /** Reported before it is counted down: once the count is 0 the run returns, and every line must be out. */
        private void cancelled(Task task) {
            if (ended.add(task)) {
                try {
                    reporter.cancelled(task);
                } finally {
                    remaining.countDown();
                }
            }
        }

        /** Counts the task down once, however many ways it ends; true the first time. */
        private boolean end(Task task) {
            boolean first = ended.add(task);
            if (first) {
                remaining.countDown();
            }
            return first;
        }

        private void cancelTheRest() {
            for (Task task : ending.unsettled()) {
                CompletableFuture<TaskResult> step = running.get(task);
                if (step != null) {
                    step.cancel(true);
                }
                cancelled(task); // a task not started yet, or whose cancelled step already ended it
            }
        }

        /**
         * Runs a callback so that nothing it throws is lost (whenComplete would swallow it and the
         * run would never end): an exception fails its task; an Error, or an exception from
         * reporting that failure, ends the run.
         */
        private void guarded(Task task, Runnable callback) {
            try {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    if (!ended.contains(task)) {
                        poemFailed(new TaskFailure(task, Duration.ZERO, e));
                    }
                }
            } catch (RuntimeException | Error e) {
                runFailure.compareAndSet(null, e);
                while (remaining.getCount() > 0) {
                    remaining.countDown();
                }
            }
        }
    }
}
