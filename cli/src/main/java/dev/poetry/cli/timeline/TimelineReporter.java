package dev.poetry.cli.timeline;

import dev.poetry.client.get.LineReporter;
import dev.poetry.client.get.PoemReporter;
import dev.poetry.client.get.Reporter;
import dev.poetry.client.get.Task;
import dev.poetry.client.get.TaskFailure;
import dev.poetry.client.get.TaskResult;

/**
 * A reporter that notes every event in a {@link TimelineRecorder} and passes it on unchanged, so
 * any style can be drawn. Recording comes first, so a reporter that throws still leaves a trace.
 */
public abstract class TimelineReporter<R extends Reporter> implements Reporter {

    protected final R next;
    protected final TimelineRecorder recorder;

    private TimelineReporter(R next, TimelineRecorder recorder) {
        this.next = next;
        this.recorder = recorder;
    }

    public static Poems poems(PoemReporter next, TimelineRecorder recorder) {
        return new Poems(next, recorder);
    }

    public static Lines lines(LineReporter next, TimelineRecorder recorder) {
        return new Lines(next, recorder);
    }

    @Override
    public void started(Task task) {
        recorder.started(task);
        next.started(task);
    }

    @Override
    public void chunk(Task task, int bytes, long total) {
        recorder.chunk(task, bytes);
        next.chunk(task, bytes, total);
    }

    @Override
    public void failed(TaskFailure failure) {
        recorder.failed(failure.task(), failure.elapsed().toNanos() / 1e9, failure.reason());
        next.failed(failure);
    }

    @Override
    public void cancelled(Task task) {
        recorder.cancelled(task);
        next.cancelled(task);
    }

    @Override
    public void transformFailed(Task task, String transform, String reason) {
        next.transformFailed(task, transform, reason);
    }

    @Override
    public void note(String line) {
        next.note(line);
    }

    /** For the styles that deliver whole poems. */
    public static final class Poems extends TimelineReporter<PoemReporter> implements PoemReporter {
        Poems(PoemReporter next, TimelineRecorder recorder) {
            super(next, recorder);
        }

        @Override
        public void poem(TaskResult result) {
            recorder.poem(result.task());
            next.poem(result);
        }
    }

    /** For the lazy style, which delivers lines. */
    public static final class Lines extends TimelineReporter<LineReporter> implements LineReporter {
        Lines(LineReporter next, TimelineRecorder recorder) {
            super(next, recorder);
        }

        @Override
        public void line(Task task, String line) {
            next.line(task, line);
        }
    }
}
