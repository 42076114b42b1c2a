package dev.poetry.cli.timeline;

import dev.poetry.client.get.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Notes when each task started, when each chunk arrived and how each task ended, as the run goes.
 * Called from event loops and task threads at once, hence synchronized; each call is a few field
 * writes, so it adds nothing a chunk would notice.
 */
public final class TimelineRecorder {

    private final long origin = System.nanoTime();
    private final Map<Integer, Builder> tasks = new TreeMap<>();

    private static final class Builder {
        final Task task;
        final List<Timeline.Chunk> chunks = new ArrayList<>();
        double start = Double.NaN;
        double end = Double.NaN;
        Timeline.Ending ending = Timeline.Ending.UNFINISHED;
        String reason = "";

        Builder(Task task) {
            this.task = task;
        }
    }

    synchronized void started(Task task) {
        builder(task).start = now();
    }

    synchronized void chunk(Task task, int bytes) {
        Builder builder = builder(task);
        double at = now();
        if (Double.isNaN(builder.start)) {
            builder.start = at;
        }
        builder.chunks.add(new Timeline.Chunk(at, bytes));
    }

    /** A poem arrived whole: its connection closed just after its last chunk. */
    synchronized void poem(Task task) {
        Builder builder = builder(task);
        if (builder.ending == Timeline.Ending.UNFINISHED) {
            builder.ending = Timeline.Ending.POEM;
            builder.end = builder.chunks.isEmpty() ? now() : builder.chunks.get(builder.chunks.size() - 1).at();
        }
    }

    /** A task failed after {@code elapsedSeconds} from its start (styles may report failures late). */
    synchronized void failed(Task task, double elapsedSeconds, String reason) {
        Builder builder = builder(task);
        builder.ending = Timeline.Ending.FAILED;
        builder.reason = reason;
        builder.end = Double.isNaN(builder.start) ? now() : Math.min(now(), builder.start + elapsedSeconds);
    }

    synchronized void cancelled(Task task) {
        Builder builder = builder(task);
        builder.ending = Timeline.Ending.CANCELLED;
        builder.reason = "cancelled";
        builder.end = now();
    }

    /**
     * The run so far. A task that reported no ending (the lazy style has no poem event) ended with
     * its last chunk when {@code finished}, and is still open otherwise.
     */
    public synchronized Timeline timeline(String label, boolean finished) {
        double now = now();
        List<Timeline.Track> tracks = new ArrayList<>();
        for (Builder builder : tasks.values()) {
            double start = Double.isNaN(builder.start) ? 0 : builder.start;
            Timeline.Ending ending = builder.ending;
            double end = builder.end;
            if (ending == Timeline.Ending.UNFINISHED) {
                boolean whole = finished && !builder.chunks.isEmpty();
                ending = whole ? Timeline.Ending.POEM : Timeline.Ending.UNFINISHED;
                end = whole ? builder.chunks.get(builder.chunks.size() - 1).at() : now;
            }
            tracks.add(new Timeline.Track(builder.task.number(), builder.task.address().toString(), start, Math.max(start, end),
                    ending, builder.reason, builder.chunks));
        }
        return new Timeline(label, tracks);
    }

    private Builder builder(Task task) {
        return tasks.computeIfAbsent(task.number(), number -> new Builder(task));
    }

    private double now() {
        return (System.nanoTime() - origin) / 1e9;
    }
}
