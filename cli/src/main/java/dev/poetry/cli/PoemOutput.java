package dev.poetry.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.poetry.client.Poem;
import dev.poetry.client.get.Delivered;
import dev.poetry.client.get.GetRequest;
import dev.poetry.client.get.PartialFile;
import dev.poetry.client.get.Task;
import dev.poetry.client.get.TaskFailure;
import dev.poetry.client.get.TaskResult;
import dev.poetry.client.get.TransformOutcome;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** Where {@code poetry get} puts finished poems: stdout as text, stdout as JSON, or files. */
interface PoemOutput {

    void poem(TaskResult result);

    default void failure(TaskFailure failure) {
    }

    /** A task the run ended before it was done ({@code --first}, {@code --fail-fast}). */
    default void cancelled(Task task, Instant started, Duration elapsed) {
    }

    /**
     * Each poem as it is, a blank line between two poems: its bytes unchanged on the process's
     * stdout, or its UTF-8 text on any other writer (a test's).
     */
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
            byte[] poem = held.poem().bytes();
            if (!first) {
                out.print(endedWithNewline ? "\n" : "\n\n");
            }
            if (out instanceof BytesPrintWriter stdout) {
                stdout.writeBytes(poem);
            } else {
                out.print(held.poem().text());
                out.flush();
            }
            first = false;
            endedWithNewline = poem.length == 0 || poem[poem.length - 1] == '\n';
        }

        /** {@code 3: <line>}, so lines from several poems can be told apart as they interleave; text output alone takes lines. */
        public void line(Task task, String line) {
            out.println(task.number() + ": " + line);
            out.flush();
        }
    }

    /**
     * One JSON object per task, one per line, in this order: task, address, ok, bytes, started,
     * seconds, error, poem, and, when the poem was sent to a transform server, transform (name,
     * ok, error). README's "Using poetry in scripts" documents it as a stable interface.
     */
    final class Json implements PoemOutput {
        private static final JsonFactory JSON = new JsonFactory();
        private static final DateTimeFormatter MILLISECONDS =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
        private final PrintWriter out;

        Json(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void poem(TaskResult result) {
            line(result.task(), result.bytes(), result.started(), result.elapsed(), null,
                    result.delivered() instanceof Delivered.InMemory held ? held.poem().text() : null, result.transform());
        }

        @Override
        public void failure(TaskFailure failure) {
            line(failure.task(), 0, failure.started(), failure.elapsed(), failure.reason(), null, Optional.empty());
        }

        @Override
        public void cancelled(Task task, Instant started, Duration elapsed) {
            line(task, 0, started, elapsed, "cancelled", null, Optional.empty());
        }

        private void line(Task task, long bytes, Instant started, Duration elapsed, String error, String poem,
                          Optional<TransformOutcome> transform) {
            StringWriter text = new StringWriter();
            try (JsonGenerator json = JSON.createGenerator(text)) {
                json.writeStartObject();
                json.writeNumberField("task", task.number());
                json.writeStringField("address", task.address().toString());
                json.writeBooleanField("ok", error == null);
                json.writeNumberField("bytes", bytes);
                json.writeStringField("started", MILLISECONDS.format(started));
                json.writeNumberField("seconds", Math.round(elapsed.toNanos() / 1e6) / 1e3);
                json.writeStringField("error", error);
                json.writeStringField("poem", poem);
                if (transform.isPresent()) {
                    json.writeObjectFieldStart("transform");
                    json.writeStringField("name", transform.get().name());
                    json.writeBooleanField("ok", transform.get().ok());
                    json.writeStringField("error", transform.get().error().orElse(null));
                    json.writeEndObject();
                }
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

        /** @throws UncheckedIOException when the poem can't be saved: the style then fails its task, as for a streamed poem */
        @Override
        public void poem(TaskResult result) {
            Path file = request.outputFile(result.task()).orElseThrow();
            long bytes = result.bytes();
            if (result.delivered() instanceof Delivered.InMemory held) {
                try {
                    write(file, held.poem());
                    bytes = held.poem().length();
                } catch (IOException e) {
                    throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
                }
            }
            err.println("Task " + result.task().number() + ": saved " + bytes + " bytes to " + file);
        }

        /** As a streamed poem is: into a new temporary file, then moved to its name, never through a link. */
        private void write(Path file, Poem poem) throws IOException {
            PartialFile partial = request.partialFiles().create(file);
            try {
                partial.write(Unpooled.wrappedBuffer(poem.bytes()));
            } catch (IOException e) {
                partial.discard();
                throw e;
            }
            partial.commit();
        }
    }
}
