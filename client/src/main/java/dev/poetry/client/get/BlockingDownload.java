package dev.poetry.client.get;

import dev.poetry.client.ConnectionPermits;
import dev.poetry.client.MaxTimeException;
import dev.poetry.client.NameLookupTimeoutException;
import dev.poetry.client.NoDataException;
import dev.poetry.client.PoemTooLongException;
import dev.poetry.net.Address;
import io.netty.buffer.Unpooled;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One download over a plain blocking socket, for the styles that have no event loop. The blocking
 * name lookup is fine here: these are the task's own threads, not an event loop.
 */
final class BlockingDownload {

    private BlockingDownload() {
    }

    /**
     * Connects with the request's timeouts, once one of the request's connection permits is free
     * (waiting for it); closing the socket gives the permit back. Reads from the returned socket
     * through {@link #input} time out too, and stop at the request's {@code maxTime}, counted from
     * this call.
     */
    static Socket connect(GetRequest request, Task task) throws IOException {
        try {
            request.permits().acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a free connection");
        }
        long start = System.nanoTime(); // as on the event loops: the deadline counts from the first attempt, not the queue
        TaskSocket socket = new TaskSocket(request.permits(), request.settings().maxTime().map(limit -> start + limit.toNanos()).orElse(null));
        try {
            Duration connectTimeout = request.settings().connectTimeout();
            long lookupStart = System.nanoTime();
            InetSocketAddress resolved = resolve(task.address(), connectTimeout);
            long left = connectTimeout.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lookupStart);
            socket.connect(resolved, (int) Math.max(1, Math.min(Integer.MAX_VALUE, left)));
            socket.setSoTimeout((int) request.settings().idleTimeout().toMillis());
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Looks the host up within {@code timeout} (the JDK's lookup has no timeout of its own); IP literals need none. */
    private static InetSocketAddress resolve(Address address, Duration timeout) throws IOException {
        Optional<InetSocketAddress> literal = address.resolvedIfLiteral();
        if (literal.isPresent()) {
            return literal.get();
        }
        FutureTask<InetAddress> lookup = new FutureTask<>(() -> InetAddress.getByName(address.host()));
        Thread looker = new Thread(lookup, "poetry-lookup");
        looker.setDaemon(true); // a lookup that never returns must not keep the process alive
        looker.start();
        try {
            return new InetSocketAddress(lookup.get(timeout.toNanos(), TimeUnit.NANOSECONDS), address.port());
        } catch (TimeoutException e) {
            throw new NameLookupTimeoutException(address.host(), timeout);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while looking up " + address.host());
        }
    }

    /** Told of every read: {@code Reporter::chunk} fits. */
    interface ChunkListener {
        void chunk(Task task, int bytes, long total);
    }

    /**
     * The socket's input, reporting every read as a chunk. A read timeout becomes
     * {@link NoDataException}, or {@link MaxTimeException} once the whole download's deadline has
     * passed; more than {@code maxBytes} fails with {@link PoemTooLongException}.
     */
    static InputStream input(Socket socket, GetRequest request, Task task, ChunkListener chunks) throws IOException {
        Long deadline = socket instanceof TaskSocket own ? own.deadline : null;
        Duration idle = request.settings().idleTimeout();
        long maxBytes = request.settings().maxBytes();
        return new FilterInputStream(socket.getInputStream()) {
            private long total;

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                boolean deadlineFirst = false;
                if (deadline != null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new MaxTimeException(request.settings().maxTime().orElseThrow());
                    }
                    deadlineFirst = left < idle.toNanos();
                    socket.setSoTimeout((int) Math.max(1, Math.min(idle.toMillis(), (left + 999_999) / 1_000_000)));
                }
                int n;
                try {
                    n = super.read(buffer, offset, (int) Math.min(length, Math.max(1, maxBytes - total)));
                } catch (SocketTimeoutException e) {
                    throw deadlineFirst ? new MaxTimeException(request.settings().maxTime().orElseThrow()) : new NoDataException(idle);
                }
                if (n > 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new PoemTooLongException(maxBytes);
                    }
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
                output.discard();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup); // the download's own failure is the one to report
            }
            throw e;
        }
        return new TaskResult(task, output.finish(total), total, Duration.ofNanos(System.nanoTime() - start));
    }

    /** A socket that holds one of the run's connection permits until it is closed, and knows its task's deadline. */
    private static final class TaskSocket extends Socket {
        private final ConnectionPermits permits;
        private final AtomicBoolean released = new AtomicBoolean();
        /** {@code System.nanoTime()} by which the whole download must end, or null for none. */
        final Long deadline;

        TaskSocket(ConnectionPermits permits, Long deadline) {
            this.permits = permits;
            this.deadline = deadline;
        }

        @Override
        public synchronized void close() throws IOException {
            try {
                super.close();
            } finally {
                if (released.compareAndSet(false, true)) {
                    permits.release();
                }
            }
        }
    }
}
