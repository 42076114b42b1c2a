package dev.poetry.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A poetry server written with plain sockets so that a test controls exactly what it does and
 * when, and can count its connections. Each connection runs {@code script} on its own thread.
 */
final class ScriptedUpstream implements AutoCloseable {

    interface Script {
        void serve(Socket socket, int connection) throws IOException, InterruptedException;
    }

    private final ServerSocket listener;
    private final AtomicInteger accepted = new AtomicInteger();

    ScriptedUpstream(Script script) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    int number = accepted.incrementAndGet();
                    Thread worker = new Thread(() -> {
                        try (socket) {
                            script.serve(socket, number);
                        } catch (IOException | InterruptedException e) {
                            // the client went away; the test asserts what it needs to
                        }
                    }, "upstream-" + number);
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "upstream-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    /** Script: wait for the gate to open, then send the whole poem and close. */
    static Script gatedPoem(byte[] poem, CountDownLatch[] gateHolder) {
        return (socket, connection) -> {
            if (!gateHolder[0].await(30, TimeUnit.SECONDS)) {
                throw new IOException("the test never opened the gate");
            }
            socket.getOutputStream().write(poem);
        };
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
