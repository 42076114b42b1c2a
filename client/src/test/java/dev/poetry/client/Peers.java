package dev.poetry.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Misbehaving servers on 127.0.0.1 for client tests, each a plain blocking accept loop on a daemon
 * thread (a blocking write waits while the client does not read, so every sender respects flow
 * control). Closing one stops it.
 */
public final class Peers implements AutoCloseable {

    /** What a peer does with each accepted connection. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket client, Peers peers) throws IOException;
    }

    private final ServerSocket server;
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger mostOpen = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();

    private Peers(Behaviour behaviour) throws IOException {
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    int now = open.incrementAndGet();
                    mostOpen.accumulateAndGet(now, Math::max);
                    Thread worker = new Thread(() -> {
                        try {
                            behaviour.serve(client, this);
                        } catch (IOException peerLeft) {
                            // the client closed or reset: what several tests wait for
                        } finally {
                            open.decrementAndGet(); // before the close, which lets the client start another
                            closeQuietly(client);
                            finished.incrementAndGet();
                        }
                    }, "peer-connection");
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "peer-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void closeQuietly(Socket client) {
        try {
            client.close();
        } catch (IOException alreadyGone) {
            // nothing left to close
        }
    }

    public static Peers start(Behaviour behaviour) throws IOException {
        return new Peers(behaviour);
    }

    /** Sends 64 KiB blocks, one endless line, until the client goes away. */
    public static Peers endless() throws IOException {
        byte[] block = "all work and no play makes Jack a dull boy ".repeat(1524).getBytes(StandardCharsets.US_ASCII);
        return start((client, peers) -> {
            OutputStream out = client.getOutputStream();
            while (true) {
                out.write(block);
                peers.bytesSent.addAndGet(block.length);
            }
        });
    }

    /** Sends {@code text}, then resets the connection (SO_LINGER 0) instead of closing it cleanly. */
    public static Peers resetting(String text) throws IOException {
        return start((client, peers) -> {
            client.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            pause(100); // let the bytes arrive before the reset
            client.setSoLinger(true, 0);
        });
    }

    /** Holds each connection for {@code millis}, then sends {@code poem} and closes cleanly. */
    public static Peers holding(long millis, String poem) throws IOException {
        return start((client, peers) -> {
            pause(millis);
            client.getOutputStream().write(poem.getBytes(StandardCharsets.US_ASCII));
        });
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis); // the peer's own pacing, not a wait for an event
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketException("interrupted");
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    /** The most connections that were open at the same time. */
    public int mostOpen() {
        return mostOpen.get();
    }

    /** How many connections have ended. */
    public int finished() {
        return finished.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
