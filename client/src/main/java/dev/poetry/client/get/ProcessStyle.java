package dev.poetry.client.get;

import java.time.Duration;
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
 * order they arrived. A process that dies of an {@link Error} takes the run down with it.
 */
final class ProcessStyle implements PoemStyle {

    /** What arrives in the collector's mailbox. */
    private sealed interface Message permits PoemMessage, Down {
    }

    private record PoemMessage(TaskResult poem) implements Message {
    }

    /** How a process ended: normally, with its task's failure, or with an Error that ends the run. */
    private sealed interface Down extends Message permits Normal, Failed, Crashed {
    }

    private record Normal(Task task) implements Down {
    }

    private record Failed(TaskFailure failure) implements Down {
    }

    private record Crashed(Task task, Error error) implements Down {
    }

    @Override
    public Tally run(GetRequest request, PoemReporter reporter) throws InterruptedException {
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
    private static void getPoetry(GetRequest request, Task task, PoemReporter reporter, BlockingQueue<Message> mailbox) {
        long start = System.nanoTime();
        Down down = new Normal(task);
        try {
            reporter.started(task);
            mailbox.add(new PoemMessage(BlockingDownload.fetch(request, task, reporter)));
        } catch (Exception e) {
            down = new Failed(new TaskFailure(task, Duration.ofNanos(System.nanoTime() - start), e));
        } catch (Error e) {
            down = new Crashed(task, e);
        } finally {
            mailbox.add(down);
        }
    }

    private static Tally collect(int processes, BlockingQueue<Message> mailbox, PoemReporter reporter) throws InterruptedException {
        List<TaskResult> poems = new ArrayList<>();
        List<TaskFailure> failures = new ArrayList<>();
        for (int running = processes; running > 0; ) {
            Message message = mailbox.take();
            if (message instanceof PoemMessage poem) {
                poems.add(poem.poem());
            } else if (message instanceof Crashed crashed) {
                throw crashed.error(); // at once: the other processes are stopped as run() returns
            } else if (message instanceof Failed failed) {
                running--;
                failures.add(failed.failure());
            } else {
                running--;
            }
        }
        failures.forEach(reporter::failed);
        int reported = 0;
        for (TaskResult poem : poems) {
            try {
                reporter.poem(poem);
                reported++;
            } catch (RuntimeException e) {
                failures.add(new TaskFailure(poem.task(), poem.elapsed(), e));
                reporter.failed(failures.get(failures.size() - 1));
            }
        }
        return new Tally(reported, failures.size(), 0);
    }
}
