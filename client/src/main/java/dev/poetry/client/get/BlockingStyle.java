package dev.poetry.client.get;

import dev.poetry.client.FilePoemSink;
import dev.poetry.client.NoDataException;
import dev.poetry.client.Poem;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The tutorial's blocking client: one server after another over plain blocking sockets, no event
 * loop. It exists to be compared: its total time is the sum of the servers' times.
 */
final class BlockingStyle implements GetStyle {

    @Override
    public int run(GetRequest request, Reporter reporter) {
        if (request.transformServer().isPresent()) {
            throw new IllegalArgumentException("the blocking style does not transform");
        }
        int failures = 0;
        for (Task task : request.tasks()) {
            long start = System.nanoTime();
            try {
                TaskResult result = download(request, task, reporter, start);
                reporter.note(String.format(Locale.ROOT, "Task %d: got %d bytes of poetry from %s in %.1fs",
                        task.number(), result.bytes(), task.address(), result.elapsed().toNanos() / 1e9));
                reporter.poem(result);
            } catch (IOException e) {
                failures++;
                reporter.failed(new TaskFailure(task, Duration.ofNanos(System.nanoTime() - start), e));
            }
        }
        return failures;
    }

    private static TaskResult download(GetRequest request, Task task, Reporter reporter, long start) throws IOException {
        Path file = request.outputFile(task).orElse(null);
        ByteArrayOutputStream memory = new ByteArrayOutputStream();
        long total = 0;
        boolean complete = false;
        try (Socket socket = new Socket();
             FilePoemSink sink = file != null ? new FilePoemSink(file) : null) {
            socket.connect(new InetSocketAddress(task.address().host(), task.address().port()),
                    (int) request.settings().connectTimeout().toMillis());
            socket.setSoTimeout((int) request.settings().idleTimeout().toMillis());
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = read(in, buffer, request)) >= 0; ) {
                total += n;
                if (sink != null) {
                    sink.accept(Unpooled.wrappedBuffer(buffer, 0, n));
                } else {
                    memory.write(buffer, 0, n);
                }
                reporter.chunk(task, n, total);
            }
            complete = true;
        } finally {
            if (!complete && file != null) {
                Files.deleteIfExists(file);
            }
        }
        Poem poem = file != null ? null : new Poem(memory.toByteArray());
        return new TaskResult(task, poem, total, Duration.ofNanos(System.nanoTime() - start));
    }

    private static int read(InputStream in, byte[] buffer, GetRequest request) throws IOException {
        try {
            return in.read(buffer);
        } catch (SocketTimeoutException e) {
            throw new NoDataException(request.settings().idleTimeout());
        }
    }
}
