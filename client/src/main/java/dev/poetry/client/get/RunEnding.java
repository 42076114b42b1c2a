package dev.poetry.client.get;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides, as each task ends, whether it is reported and whether the run ends there, following
 * {@link RunUntil}. Thread-safe; the caller cancels the other tasks after the decision, outside
 * this object's lock, since a cancellation runs their callbacks on the spot.
 */
final class RunEnding {

    enum Verdict {
        /** Report it; the run goes on. */
        REPORT,
        /** Report it, then cancel every task still unsettled: the run is decided. */
        REPORT_AND_CANCEL_THE_REST,
        /** The run was already decided: the task counts as cancelled. */
        TOO_LATE
    }

    private final RunUntil until;
    private final List<Task> tasks;
    private final Set<Task> settled = new HashSet<>();
    private boolean decided;

    RunEnding(RunUntil until, List<Task> tasks) {
        this.until = until;
        this.tasks = List.copyOf(tasks);
    }

    synchronized Verdict poem(Task task) {
        return settle(task, until == RunUntil.FIRST_POEM);
    }

    synchronized Verdict failure(Task task) {
        return settle(task, until == RunUntil.FIRST_FAILURE);
    }

    synchronized boolean decided() {
        return decided;
    }

    /** The tasks that have not been reported: once the run is decided, none will be. */
    synchronized List<Task> unsettled() {
        List<Task> unsettled = new ArrayList<>();
        for (Task task : tasks) {
            if (!settled.contains(task)) {
                unsettled.add(task);
            }
        }
        return unsettled;
    }

    private Verdict settle(Task task, boolean endsTheRun) {
        if (decided || !settled.add(task)) {
            return Verdict.TOO_LATE;
        }
        decided = endsTheRun;
        return endsTheRun ? Verdict.REPORT_AND_CANCEL_THE_REST : Verdict.REPORT;
    }
}
