package dev.poetry.client.get;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tutorial's client 7 (inlineCallbacks): each task is one sequential composition of futures
 * that reads top to bottom, and each poem is printed as its task completes.
 */
final class InlineStyle implements GetStyle {

    @Override
    public int run(GetRequest request, Reporter reporter) {
        try (TaskRunner runner = new TaskRunner(request, reporter)) {
            AtomicInteger failures = new AtomicInteger();
            List<CompletableFuture<Void>> tasks = new ArrayList<>();
            for (Task task : request.tasks()) {
                tasks.add(getAndTransform(runner, task)
                        .thenAccept(reporter::poem)
                        .exceptionally(error -> {
                            failures.incrementAndGet();
                            reporter.failed(TaskFailure.from(error));
                            return null;
                        }));
            }
            CompletableFuture.allOf(tasks.toArray(new CompletableFuture<?>[0])).join();
            return failures.get();
        }
    }

    /** Get the poem; then transform it, falling back to the original if the transform fails. */
    private static CompletableFuture<TaskResult> getAndTransform(TaskRunner runner, Task task) {
        return runner.download(task)
                .thenCompose(poem -> runner.transform(poem)
                        .exceptionally(transformError -> runner.keepOriginal(poem, transformError)));
    }
}
