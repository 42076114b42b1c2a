package dev.poetry.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow poetry server for process tests: to every client, one numbered line every {@code pace}
 * milliseconds, {@code lines} in all; it notes when a client goes away before the end.
 */
final class DripServer implements AutoCloseable {

    private final ServerSocket listener;
    private final int lines;
    private final long paceMillis;
    private final AtomicInteger linesSent = new AtomicInteger();
    final List<CompletableFuture<Long>> wentAway = new CopyOnWriteArrayList<>();

    DripServer(int lines, long paceMillis) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.lines = lines;
        this.paceMillis = paceMillis;
        Thread acceptor = new Thread(this::accept, "drip-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Lines written to all clients so far. */
    int linesSent() {
        return linesSent.get();
    }

    /** How long a whole poem takes to send. */
    long poemMillis() {
        return lines * paceMillis;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                CompletableFuture<Long> gone = new CompletableFuture<>();
                wentAway.add(gone);
                Thread sender = new Thread(() -> drip(client, gone), "drip-sender");
                sender.setDaemon(true);
                sender.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Completes {@code gone} with System.nanoTime() when a write fails: the client closed its end. */
    private void drip(Socket client, CompletableFuture<Long> gone) {
        try (client; OutputStream out = client.getOutputStream()) {
            for (int i = 1; i <= lines; i++) {
                out.write(("line " + i + " of a slow poem\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                linesSent.incrementAndGet();
                Thread.sleep(paceMillis); // the server's own pace, not a wait for an event
            }
        } catch (IOException e) {
            gone.complete(System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
