package dev.poetry.client.get;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A poetry server that holds every poem back until a gate opens: for a test that needs one thing
 * (a failure reported, say) to happen before a poem arrives, rather than hoping it will.
 */
final class GatedPoet implements AutoCloseable {

    private final ServerSocket listener;

    GatedPoet(byte[] poem, CountDownLatch gate) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket client = listener.accept(); OutputStream out = client.getOutputStream()) {
                    if (gate.await(30, TimeUnit.SECONDS)) {
                        out.write(poem);
                    }
                } catch (IOException | InterruptedException e) {
                    return; // closed, or the client went away: the test asserts what it needs to
                }
            }
        }, "gated-poet");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
