package dev.poetry.cli;

import dev.poetry.client.get.LineReporter;
import dev.poetry.client.get.Task;
import java.io.PrintWriter;
import java.util.function.Predicate;

/** The console for the lazy style: lines go to stdout as text, the only output that takes them. */
final class ConsoleLineReporter extends ConsoleReporter implements LineReporter {

    private final PoemOutput.Text text;

    ConsoleLineReporter(PoemOutput.Text text, PrintWriter err, boolean verbose, boolean progress) {
        super(text, err, verbose, progress);
        this.text = text;
    }

    ConsoleLineReporter(PoemOutput.Text text, PrintWriter err, Predicate<String> chatter, boolean verbose, boolean progress) {
        super(text, err, chatter, verbose, progress);
        this.text = text;
    }

    @Override
    public synchronized void line(Task task, String line) {
        clearProgress();
        text.line(task, line);
    }

    @Override
    public void ended(Task task) {
        countEnded();
    }
}
