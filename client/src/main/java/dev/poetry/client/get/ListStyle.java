package dev.poetry.client.get;

import dev.poetry.client.Outcome;
import dev.poetry.client.Outcomes;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The tutorial's client 8 (DeferredList): start every task, wait until each has succeeded or
 * failed, then report them in the order the addresses were given. Output is deterministic.
 */
final class ListStyle implements GetStyle {

    @Override
    public int run(GetRequest request, Reporter reporter) {
        try (TaskRunner runner = new TaskRunner(request, reporter)) {
            List<CompletableFuture<TaskResult>> tasks = request.tasks().stream()
                    .map(task -> runner.download(task)
                            .thenCompose(poem -> runner.transform(poem)
                                    .exceptionally(transformError -> runner.keepOriginal(poem, transformError))))
                    .toList();
            int failures = 0;
            for (Outcome<TaskResult> outcome : Outcomes.settleAll(tasks).join()) {
                if (outcome instanceof Outcome.Success<TaskResult> success) {
                    reporter.poem(success.value());
                } else if (outcome instanceof Outcome.Failure<TaskResult> failure) {
                    failures++;
                    reporter.failed(TaskFailure.from(failure.error()));
                }
            }
            return failures;
        }
    }
}
