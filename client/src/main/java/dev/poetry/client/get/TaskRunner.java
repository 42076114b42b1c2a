package dev.poetry.client.get;

import dev.poetry.client.Connector;
import dev.poetry.client.FailureReason;
import dev.poetry.client.Poem;
import dev.poetry.client.PoemSink;
import dev.poetry.client.PoetryClient;
import dev.poetry.client.TransformClient;
import dev.poetry.protocol.EventLoops;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The steps every asynchronous style is built from: download a task's poem and transform it. All
 * connections share one event loop, as all of the tutorial's clients share one reactor, and the
 * request's connection permits, so a long list of addresses queues rather than exhausting
 * descriptors.
 */
final class TaskRunner implements AutoCloseable {

    private final GetRequest request;
    private final Optional<Transformation> transformation;
    private final Reporter reporter;
    private final EventLoops loops = EventLoops.create(1);
    private final Connector connector;
    private final PoetryClient poetryClient;
    private final TransformClient transformClient;

    TaskRunner(GetRequest request, Optional<Transformation> transformation, Reporter reporter) {
        // A poem that is transformed must be whole in memory first, so only untransformed poems stream to files.
        this.request = transformation.isPresent() ? request.heldInMemory() : request;
        this.transformation = transformation;
        this.reporter = reporter;
        this.connector = new Connector(loops, request.settings(), request.permits());
        this.poetryClient = new PoetryClient(connector);
        this.transformClient = new TransformClient(connector);
    }

    /**
     * The task's poem, reported chunk by chunk; fails with a {@link TaskFailure}, or with the
     * {@link Error} itself when one was thrown: that is the program's failure, not the task's.
     */
    CompletableFuture<TaskResult> download(Task task) {
        long start = System.nanoTime();
        Download download;
        try {
            download = new Download(task);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new TaskFailure(task, Duration.ZERO, e));
        }
        CompletableFuture<Long> transfer = poetryClient.download(task.address(), download);
        CompletableFuture<TaskResult> result = transfer.handle((bytes, error) -> {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Throwable failure = error == null ? null : FailureReason.unwrap(error);
            if (failure instanceof Error fatal) {
                throw fatal;
            }
            Poem poem = null;
            try {
                poem = download.finish(error == null);
            } catch (IOException e) {
                failure = failure != null ? failure : e;
            }
            if (failure != null) {
                throw new CompletionException(new TaskFailure(task, elapsed, failure));
            }
            return TaskResult.of(task, poem, request.outputFile(task), bytes, elapsed);
        });
        // A derived future does not pass cancellation back to its source: cancelling the task closes the connection.
        result.whenComplete((done, error) -> transfer.cancel(true));
        return result;
    }

    /** The poem transformed, or the result unchanged when no transform was asked for. May fail. */
    CompletableFuture<TaskResult> transform(TaskResult result) {
        if (transformation.isEmpty() || !(result.delivered() instanceof Delivered.InMemory held)) {
            return CompletableFuture.completedFuture(result);
        }
        long start = System.nanoTime();
        CompletableFuture<Poem> exchange = transformClient.transform(transformation.get().server(), transformation.get().name(),
                held.poem());
        CompletableFuture<TaskResult> transformed = exchange
                .thenApply(poem -> result.withPoem(poem, result.elapsed().plusNanos(System.nanoTime() - start))
                        .withTransform(new TransformOutcome(transformation.get().name(), Optional.empty())));
        transformed.whenComplete((done, error) -> exchange.cancel(true));
        return transformed;
    }

    /** The fallback after a failed transform: say so, and keep the original poem. */
    TaskResult keepOriginal(TaskResult original, Throwable transformError) {
        String name = transformation.map(Transformation::name).orElse("");
        String reason = FailureReason.of(transformError);
        reporter.transformFailed(original.task(), name, reason);
        return original.withTransform(new TransformOutcome(name, Optional.of(reason)));
    }

    @Override
    public void close() {
        connector.close();
        loops.close();
    }

    /** One task's output, with every chunk reported on its way in. */
    private final class Download implements PoemSink {
        private final Task task;
        private final TaskOutput output;
        private long total;

        Download(Task task) throws IOException {
            this.task = task;
            this.output = TaskOutput.open(request, task);
        }

        @Override
        public void accept(ByteBuf chunk) throws IOException {
            total += chunk.readableBytes();
            output.write(chunk);
            reporter.chunk(task, chunk.readableBytes(), total);
        }

        Poem finish(boolean succeeded) throws IOException {
            return output.finish(succeeded);
        }
    }
}
