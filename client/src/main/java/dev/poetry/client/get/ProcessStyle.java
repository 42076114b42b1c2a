package dev.poetry.client.get;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The tutorial's Erlang client: one lightweight process per server, each reading with plain
 * blocking calls. A process that gets its poem sends it to the collector's mailbox and ends; every
 * process, however it ends, is also reported by a separate "down" notice (Erlang's monitor), so the
 * collector knows when all are done whatever happened. Then the collector prints the poems, in the
 * order they arrived.
 */
final class ProcessStyle implements GetStyle {

    /** What arrives in the collector's mailbox. */
    private sealed interface Message permits PoemMessage, Down {
    }

    private record PoemMessage(TaskResult poem) implements Message {
    }

    /** @param failure null for a normal exit */
    private record Down(Task task, TaskFailure failure) implements Message {
    }

    @Override
    public int run(GetRequest request, Reporter reporter) throws InterruptedException {
        BlockingQueue<Message> mailbox = new LinkedBlockingQueue<>();
        ExecutorService processes = LightweightThreads.perTask();
        try {
            for (Task task : request.tasks()) {
                processes.execute(() -> getPoetry(request, task, reporter, mailbox));
            }
            return collect(request.tasks().size(), mailbox, reporter);
        } finally {
            processes.shutdownNow();
        }
    }

    /** The body of one process. */
    private static void getPoetry(GetRequest request, Task task, Reporter reporter, BlockingQueue<Message> mailbox) {
        long start = System.nanoTime();
        TaskFailure failure = null;
        try {
            mailbox.add(new PoemMessage(BlockingDownload.fetch(request, task, reporter)));
        } catch (Exception | Error e) {
            failure = new TaskFailure(task, java.time.Duration.ofNanos(System.nanoTime() - start), e);
        } finally {
            mailbox.add(new Down(task, failure));
        }
    }

    private static int collect(int processes, BlockingQueue<Message> mailbox, Reporter reporter) throws InterruptedException {
        List<TaskResult> poems = new ArrayList<>();
        List<TaskFailure> failures = new ArrayList<>();
        for (int running = processes; running > 0; ) {
            Message message = mailbox.take();
            if (message instanceof PoemMessage poem) {
                poems.add(poem.poem());
            } else if (message instanceof Down down) {
                running--;
                if (down.failure() != null) {
                    failures.add(down.failure());
                }
            }
        }
        failures.forEach(reporter::failed);
        poems.forEach(reporter::poem);
        return failures.size();
    }
}
