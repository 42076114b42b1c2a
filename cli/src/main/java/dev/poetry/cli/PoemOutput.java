package dev.poetry.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.poetry.client.get.Delivered;
import dev.poetry.client.get.GetRequest;
import dev.poetry.client.get.Task;
import dev.poetry.client.get.TaskFailure;
import dev.poetry.client.get.TaskResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Where {@code poetry get} puts finished poems: stdout as text, stdout as JSON, or files. */
interface PoemOutput {

    void poem(TaskResult result);

    default void failure(TaskFailure failure) {
    }

    /** Each poem as it is, a blank line between two poems. */
    final class Text implements PoemOutput {
        private final PrintWriter out;
        private boolean first = true;
        private boolean endedWithNewline = true;

        Text(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void poem(TaskResult result) {
            if (!(result.delivered() instanceof Delivered.InMemory held)) {
                return; // text goes to stdout only without --output, when every poem is held
            }
            String text = held.poem().text();
            if (!first) {
                out.print(endedWithNewline ? "\n" : "\n\n");
            }
            out.print(text);
            out.flush();
            first = false;
            endedWithNewline = text.isEmpty() || text.endsWith("\n");
        }

        /** {@code 3: <line>}, so lines from several poems can be told apart as they interleave; text output alone takes lines. */
        public void line(Task task, String line) {
            out.println(task.number() + ": " + line);
            out.flush();
        }
    }

    /** One JSON object per task and per line: task, address, bytes, seconds, ok, error, poem. */
    final class Json implements PoemOutput {
        private static final JsonFactory JSON = new JsonFactory();
        private final PrintWriter out;

        Json(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void poem(TaskResult result) {
            line(result.task().number(), result.task().address().toString(), result.bytes(), result.elapsed(), null,
                    result.delivered() instanceof Delivered.InMemory held ? held.poem().text() : null);
        }

        @Override
        public void failure(TaskFailure failure) {
            line(failure.task().number(), failure.task().address().toString(), 0, failure.elapsed(), failure.reason(), null);
        }

        private void line(int task, String address, long bytes, Duration elapsed, String error, String poem) {
            StringWriter text = new StringWriter();
            try (JsonGenerator json = JSON.createGenerator(text)) {
                json.writeStartObject();
                json.writeNumberField("task", task);
                json.writeStringField("address", address);
                json.writeNumberField("bytes", bytes);
                json.writeNumberField("seconds", Math.round(elapsed.toNanos() / 1e6) / 1e3);
                json.writeBooleanField("ok", error == null);
                json.writeStringField("error", error);
                json.writeStringField("poem", poem);
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println(text);
            out.flush();
        }
    }

    /**
     * {@code DIR/task-N-HOST-PORT.txt}. Downloads stream there as they arrive; only a transformed
     * poem, which had to be whole in memory anyway, is written here.
     */
    final class Directory implements PoemOutput {
        private final GetRequest request;
        private final PrintWriter err;

        Directory(GetRequest request, PrintWriter err) {
            this.request = request;
            this.err = err;
        }

        @Override
        public void poem(TaskResult result) {
            Path file = request.outputFile(result.task()).orElseThrow();
            long bytes = result.bytes();
            if (result.delivered() instanceof Delivered.InMemory held) {
                try {
                    Files.write(file, held.poem().bytes());
                    bytes = held.poem().length();
                } catch (IOException e) {
                    err.println("Task " + result.task().number() + ": could not write " + file + ": " + e.getMessage());
                    return;
                }
            }
            err.println("Task " + result.task().number() + ": saved " + bytes + " bytes to " + file);
        }
    }
}
