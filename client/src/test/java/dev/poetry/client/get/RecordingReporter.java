package dev.poetry.client.get;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Remembers what a style reported, in order; tests override a method to make it throw. */
class RecordingReporter implements PoemReporter, LineReporter {

    final List<String> events = new ArrayList<>();
    final Map<Integer, String> poems = new TreeMap<>();
    final Map<Integer, String> failures = new TreeMap<>();
    final List<String> transformFailures = new ArrayList<>();
    final List<Integer> started = new ArrayList<>();
    final List<Integer> cancelled = new ArrayList<>();
    /** The task of every chunk and of every end (poem or failure), in the order they happened. */
    final List<String> timeline = new ArrayList<>();
    long chunkBytes;

    @Override
    public synchronized void started(Task task) {
        started.add(task.number());
    }

    @Override
    public synchronized void cancelled(Task task) {
        events.add("cancelled " + task.number());
        cancelled.add(task.number());
    }

    @Override
    public synchronized void chunk(Task task, int bytes, long total) {
        chunkBytes += bytes;
        timeline.add("chunk " + task.number());
    }

    @Override
    public synchronized void poem(TaskResult result) {
        events.add("poem " + result.task().number());
        timeline.add("end " + result.task().number());
        poems.put(result.task().number(), result.delivered() instanceof Delivered.InMemory held ? held.poem().text() : null);
    }

    /** Lines are gathered back into poems (each line ends in a newline, as every test poem does). */
    @Override
    public synchronized void line(Task task, String line) {
        events.add("line " + task.number() + " " + line);
        poems.merge(task.number(), line + "\n", String::concat);
    }

    @Override
    public synchronized void failed(TaskFailure failure) {
        events.add("failed " + failure.task().number());
        failures.put(failure.task().number(), failure.reason());
    }

    @Override
    public synchronized void transformFailed(Task task, String transform, String reason) {
        transformFailures.add(task.number() + " " + transform + ": " + reason);
    }
}
