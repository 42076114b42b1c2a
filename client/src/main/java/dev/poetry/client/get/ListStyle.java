package dev.poetry.client.get;

import dev.poetry.client.FailureReason;
import dev.poetry.client.Outcomes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The tutorial's client 8 (DeferredList): start every task, wait for the list of them in one of
 * its three modes (every task ends, the first poem wins, the first failure ends it), then report
 * them in the order the addresses were given. Output is deterministic.
 */
final class ListStyle implements ComposingStyle {

    @Override
    public Tally run(GetRequest request, Plan plan, PoemReporter reporter) {
        try (TaskRunner runner = new TaskRunner(request, plan.transformation(), reporter)) {
            List<Task> tasks = request.tasks();
            List<CompletableFuture<TaskResult>> poems = tasks.stream().map(task -> getAndTransform(runner, task, reporter)).toList();
            CompletableFuture<TaskResult> first = plan.until() == RunUntil.FIRST_POEM ? Outcomes.first(poems) : null;
            if (plan.until() == RunUntil.FIRST_FAILURE) {
                Outcomes.allOrFirstFailure(poems);
            }
            // Settled means every future is done: the early modes will have cancelled whatever they no longer need.
            Outcomes.settleAll(poems).join();
            TaskResult winner = first != null && !first.isCompletedExceptionally() ? first.join() : null;
            return report(tasks, poems, plan.until(), winner, reporter);
        }
    }

    /** Get the poem; then transform it, falling back to the original if the transform fails. */
    private static CompletableFuture<TaskResult> getAndTransform(TaskRunner runner, Task task, Reporter reporter) {
        try {
            reporter.started(task);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new TaskFailure(task, Duration.ZERO, e));
        }
        CompletableFuture<TaskResult> download = runner.download(task);
        CompletableFuture<CompletableFuture<TaskResult>> transform = new CompletableFuture<>();
        CompletableFuture<TaskResult> poem = download.thenCompose(original -> {
            CompletableFuture<TaskResult> step = runner.transform(original);
            transform.complete(step);
            return step.exceptionally(transformError -> runner.keepOriginal(original, transformError));
        });
        // Cancelling the task reaches whichever step is running, so its connection closes at once.
        poem.whenComplete((done, error) -> {
            download.cancel(true);
            transform.thenAccept(step -> step.cancel(true));
        });
        return poem;
    }

    private static Tally report(List<Task> tasks, List<CompletableFuture<TaskResult>> poems, RunUntil until, TaskResult winner,
                                PoemReporter reporter) {
        int reported = 0;
        int failed = 0;
        for (int i = 0; i < tasks.size(); i++) {
            CompletableFuture<TaskResult> poem = poems.get(i);
            Throwable error = failureOf(tasks.get(i), poem);
            if (error instanceof CancellationException || (error == null && until == RunUntil.FIRST_POEM && poem.join() != winner)) {
                reporter.cancelled(tasks.get(i));
            } else if (error != null) {
                failed++;
                reporter.failed(TaskFailure.from(error));
            } else {
                try {
                    reporter.poem(poem.join());
                    reported++;
                } catch (RuntimeException e) {
                    failed++;
                    reporter.failed(new TaskFailure(tasks.get(i), poem.join().elapsed(), e));
                }
            }
        }
        return new Tally(reported, failed, tasks.size() - reported - failed);
    }

    /** Null for a success; the CancellationException of a cancelled task; otherwise its TaskFailure. */
    private static Throwable failureOf(Task task, CompletableFuture<TaskResult> done) {
        try {
            done.join();
            return null;
        } catch (CancellationException e) {
            return e;
        } catch (CompletionException e) {
            TaskFailure.rethrowError(e);
            Throwable cause = FailureReason.unwrap(e);
            // A callback of ours that threw (a reporter's, say) fails its task like any download failure.
            return cause instanceof TaskFailure ? cause : new TaskFailure(task, Duration.ZERO, cause);
        }
    }
}
