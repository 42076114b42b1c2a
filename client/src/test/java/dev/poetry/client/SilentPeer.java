package dev.poetry.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A server that accepts and then sends nothing, and notes when each client goes away: what a
 * slow server sees of a download that is cancelled.
 */
public final class SilentPeer implements AutoCloseable {

    private final ServerSocket listener;
    private final CountDownLatch arrived;
    private final CountDownLatch gone;
    private final Thread acceptor;

    /** Expects {@code clients} connections. */
    public SilentPeer(int clients) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.arrived = new CountDownLatch(clients);
        this.gone = new CountDownLatch(clients);
        this.acceptor = new Thread(this::accept, "silent-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** True once every expected client has connected, within {@code millis}. */
    public boolean allArrivedWithin(long millis) throws InterruptedException {
        return arrived.await(millis, TimeUnit.MILLISECONDS);
    }

    /** True once every expected client has closed its connection, within {@code millis}. */
    public boolean allGoneWithin(long millis) throws InterruptedException {
        return gone.await(millis, TimeUnit.MILLISECONDS);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                arrived.countDown();
                Thread watcher = new Thread(() -> watch(client), "silent-peer-client");
                watcher.setDaemon(true);
                watcher.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void watch(Socket client) {
        try (client; InputStream in = client.getInputStream()) {
            client.setSoTimeout(30_000);
            while (in.read() >= 0) {
                // a poetry client sends nothing; anything it did send is ignored
            }
            gone.countDown();
        } catch (SocketTimeoutException stillThere) {
            // never counted: the test waiting for it fails on its own bound
        } catch (IOException reset) {
            gone.countDown();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
