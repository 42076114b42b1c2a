package dev.poetry.client.get;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The tutorial's clients 3 to 5: each download is given a callback for its poem and an errback
 * for its failure, and each poem is printed the moment it completes. With a transform, the
 * callback starts a second request with callbacks of its own: the nesting that made the tutorial
 * reach for Deferreds.
 */
final class CallbackStyle implements GetStyle {

    @Override
    public int run(GetRequest request, Reporter reporter) throws InterruptedException {
        try (TaskRunner runner = new TaskRunner(request, reporter)) {
            CountDownLatch remaining = new CountDownLatch(request.servers().size());
            AtomicInteger failures = new AtomicInteger();
            for (Task task : request.tasks()) {
                getPoetry(runner, task,
                        poem -> transformPoetry(runner, poem,
                                transformed -> {
                                    reporter.poem(transformed);
                                    remaining.countDown();
                                },
                                transformError -> {
                                    reporter.poem(runner.keepOriginal(poem, transformError));
                                    remaining.countDown();
                                }),
                        failure -> {
                            failures.incrementAndGet();
                            reporter.failed(failure);
                            remaining.countDown();
                        });
            }
            remaining.await();
            return failures.get();
        }
    }

    private static void getPoetry(TaskRunner runner, Task task, Consumer<TaskResult> callback, Consumer<TaskFailure> errback) {
        runner.download(task).whenComplete((poem, error) -> {
            if (error == null) {
                callback.accept(poem);
            } else {
                errback.accept(TaskFailure.from(error));
            }
        });
    }

    private static void transformPoetry(TaskRunner runner, TaskResult poem, Consumer<TaskResult> callback, Consumer<Throwable> errback) {
        runner.transform(poem).whenComplete((transformed, error) -> {
            if (error == null) {
                callback.accept(transformed);
            } else {
                errback.accept(error);
            }
        });
    }
}
