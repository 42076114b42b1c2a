package dev.poetry.client.get;

import dev.poetry.client.NoDataException;
import io.netty.buffer.Unpooled;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** One download over a plain blocking socket, for the styles that have no event loop. */
final class BlockingDownload {

    private BlockingDownload() {
    }

    /** Connects with the request's timeouts; reads from the returned socket time out too. */
    static Socket connect(GetRequest request, Task task) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(task.address().host(), task.address().port()),
                    (int) request.settings().connectTimeout().toMillis());
            socket.setSoTimeout((int) request.settings().idleTimeout().toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Told of every read: {@code Reporter::chunk} fits. */
    interface ChunkListener {
        void chunk(Task task, int bytes, long total);
    }

    /** The socket's input, reporting every read as a chunk and turning a read timeout into {@link NoDataException}. */
    static InputStream input(Socket socket, GetRequest request, Task task, ChunkListener chunks) throws IOException {
        return new FilterInputStream(socket.getInputStream()) {
            private long total;

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n;
                try {
                    n = super.read(buffer, offset, length);
                } catch (SocketTimeoutException e) {
                    throw new NoDataException(request.settings().idleTimeout());
                }
                if (n > 0) {
                    total += n;
                    chunks.chunk(task, n, total);
                }
                return n;
            }
        };
    }

    /** The whole poem, or, with {@code --output}, the poem streamed into its file. */
    static TaskResult fetch(GetRequest request, Task task, Reporter reporter) throws IOException {
        long start = System.nanoTime();
        TaskOutput output = TaskOutput.open(request, task);
        long total = 0;
        try (Socket socket = connect(request, task)) {
            InputStream in = input(socket, request, task, reporter::chunk);
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                output.write(Unpooled.wrappedBuffer(buffer, 0, n));
            }
        } catch (IOException | RuntimeException e) {
            try {
                output.finish(false);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup); // the download's own failure is the one to report
            }
            throw e;
        }
        return TaskResult.of(task, output.finish(true), request.outputFile(task), total, Duration.ofNanos(System.nanoTime() - start));
    }
}
