package dev.poetry.client.get;

import dev.poetry.client.Connector;
import dev.poetry.client.FailureReason;
import dev.poetry.client.Poem;
import dev.poetry.client.AsyncPoemSink;
import dev.poetry.client.OffLoopPoemSink;
import dev.poetry.client.PoetryClient;
import dev.poetry.client.TransformClient;
import dev.poetry.net.EventLoops;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The steps every asynchronous style is built from: download a task's poem and transform it. All
 * connections share one event loop, as all of the tutorial's clients share one reactor, and the
 * request's connection permits, so a long list of addresses queues rather than exhausting
 * descriptors.
 */
final class TaskRunner implements AutoCloseable {

    /** How long closing waits for cancelled tasks' files to be removed. */
    private static final Duration WRITER_DRAIN = Duration.ofSeconds(10);

    private final GetRequest request;
    private final Optional<Transformation> transformation;
    /** Whether poems end in {@code --output} files, streamed or, once transformed, written whole. */
    private final boolean writesFiles;
    private final Reporter reporter;
    private final EventLoops loops;
    private final Connector connector;
    private final PoetryClient poetryClient;
    private final TransformClient transformClient;
    /** One thread for every file write, commit and discard of the run: off the loop, and in each task's order. */
    private final ExecutorService writer = OffLoopPoemSink.newWriter("poetry-file-writer");

    TaskRunner(GetRequest request, Optional<Transformation> transformation, Reporter reporter) {
        // A poem that is transformed must be whole in memory first, so only untransformed poems stream to files.
        this.request = transformation.isPresent() ? request.heldInMemory() : request;
        this.writesFiles = request.outputDirectory().isPresent();
        this.transformation = transformation;
        this.reporter = reporter;
        this.loops = EventLoops.createShortLived(1, request.transport());
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
        CompletableFuture<Long> transfer = poetryClient.downloadInto(task.address(), download);
        // Committing or discarding a file blocks, and must follow the task's last write: both run on the writer, in order.
        Executor finisher = download.output.blocks() ? writer : Runnable::run;
        CompletableFuture<TaskResult> result = new CompletableFuture<>();
        // Hung on the transfer, not derived from it: a derived step is skipped once the task is cancelled, and the file stays.
        transfer.whenCompleteAsync((bytes, error) -> finish(task, download.output, start, bytes, error, result), finisher)
                .exceptionally(unexpected -> { // an Error on the way, or the writer gone: the task must still end
                    download.output.discardQuietly();
                    result.completeExceptionally(FailureReason.unwrap(unexpected));
                    return null;
                });
        // Cancelling the task closes the connection; the transfer then ends, and its file is discarded.
        result.whenComplete((done, error) -> transfer.cancel(true));
        return result;
    }

    /**
     * The transfer has ended: the poem takes its place if it is whole and the task still wanted,
     * else whatever was written goes. Completes {@code result} unless the task was cancelled.
     */
    private static void finish(Task task, TaskOutput output, long start, Long bytes, Throwable error,
                               CompletableFuture<TaskResult> result) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Throwable failure = error == null ? null : FailureReason.unwrap(error);
        if (failure instanceof Error fatal) {
            throw fatal;
        }
        Delivered delivered = null;
        try {
            if (failure == null && !result.isDone()) {
                delivered = output.finish(bytes);
            } else {
                output.discard();
            }
        } catch (IOException | RuntimeException e) {
            failure = failure != null ? failure : e;
        }
        if (failure != null) {
            result.completeExceptionally(new TaskFailure(task, elapsed, failure));
        } else if (delivered != null) {
            result.complete(new TaskResult(task, delivered, bytes, elapsed));
        }
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
        // Reporting a poem bound for a file writes it (callbacks report where the step ends): so it ends on the writer.
        Executor reportOn = writesFiles ? writer : Runnable::run;
        CompletableFuture<TaskResult> reported = transformed.whenCompleteAsync((done, error) -> { }, reportOn);
        reported.whenComplete((done, error) -> exchange.cancel(true));
        return reported;
    }

    /** The fallback after a failed transform: say so, and keep the original poem. */
    TaskResult keepOriginal(TaskResult original, Throwable transformError) {
        String name = transformation.map(Transformation::name).orElse("");
        String reason = FailureReason.of(transformError);
        reporter.transformFailed(original.task(), name, reason);
        return original.withTransform(new TransformOutcome(name, Optional.of(reason)));
    }

    /**
     * Waits (bounded) for the writer to finish what the run queued: the discards of cancelled
     * tasks, queued when they were cancelled, so no temporary file outlives the run.
     */
    @Override
    public void close() {
        connector.close();
        loops.close();
        writer.shutdown();
        try {
            writer.awaitTermination(WRITER_DRAIN.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One task's output, with every chunk reported on its way in (on the loop). A chunk bound for
     * a file is written on the run's writer thread; one held in memory is copied on the spot.
     */
    private final class Download implements AsyncPoemSink {
        private final Task task;
        private final TaskOutput output;
        private final AsyncPoemSink offLoop;
        private long total;

        Download(Task task) throws IOException {
            this.task = task;
            this.output = TaskOutput.open(request, task);
            this.offLoop = new OffLoopPoemSink(output::write, writer);
        }

        @Override
        public CompletableFuture<Void> write(ByteBuf chunk) {
            try {
                total += chunk.readableBytes();
                reporter.chunk(task, chunk.readableBytes(), total);
            } catch (RuntimeException | Error e) {
                chunk.release(); // the chunk is ours to release, however the reporter fails
                throw e;
            }
            if (output.blocks()) {
                return offLoop.write(chunk);
            }
            try {
                output.write(chunk);
                return CompletableFuture.completedFuture(null);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            } finally {
                chunk.release();
            }
        }
    }
}
