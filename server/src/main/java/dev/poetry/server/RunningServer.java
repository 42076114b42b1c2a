package dev.poetry.server;

import dev.poetry.net.Address;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A listening server: where it really is (port 0 resolved), its failure log, and how to stop it. */
public final class RunningServer implements AutoCloseable {

    /** How long resetting the connections left after the drain may take. */
    private static final Duration RESET_WAIT = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(RunningServer.class);

    private final Channel listener;
    private final ChannelGroup connections;
    private final ServerLimits limits;
    private final FailureLog failures;
    private final ConnectionTracker tracker;
    private final Future<?> reports;
    /** Logs of this server's other parts (the proxy's cache), summarised with its own. */
    private final List<FailureLog> alsoSummarised = new CopyOnWriteArrayList<>();

    RunningServer(Channel listener, ChannelGroup connections, ServerLimits limits, FailureLog failures, ConnectionTracker tracker,
                  Duration reportInterval) {
        this.listener = listener;
        this.connections = connections;
        this.limits = limits;
        this.failures = failures;
        this.tracker = tracker;
        // On the listener's loop, as the tracker's own work is, so that its counters stay single-threaded.
        long interval = reportInterval.toNanos();
        this.reports = listener.eventLoop().scheduleAtFixedRate(this::report, interval, interval, TimeUnit.NANOSECONDS);
    }

    public ServerLimits limits() {
        return limits;
    }

    /** Where this server's handlers log what their clients do wrong; summarised every 10 s. */
    public FailureLog failures() {
        return failures;
    }

    /** Summarises {@code other} with this server's own log: on the same timer, and once more at stop. */
    public void summariseAlso(FailureLog other) {
        alsoSummarised.add(other);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    public int port() {
        return localAddress().getPort();
    }

    /** The bound address as {@code HOST:PORT} ({@code [V6]:PORT}), numeric, for start-up lines. */
    public Address address() {
        return Address.numeric(localAddress());
    }

    /** Completes when the listening socket is closed. */
    public Future<Void> closeFuture() {
        return listener.closeFuture();
    }

    /** Connections open right now. */
    public int openConnections() {
        return connections.size();
    }

    /**
     * Stops accepting, lets the connections in flight finish for at most {@code drain}, then resets
     * whatever is left, so that no client takes a short poem for a whole one, and logs how many.
     * Blocks for at most {@code drain} plus a second, whatever the event loops are doing; call it
     * off the event loops.
     */
    public void shutdownGracefully(Duration drain) {
        long deadline = System.nanoTime() + drain.toNanos();
        listener.close().awaitUninterruptibly(RESET_WAIT.toMillis());
        connections.newCloseFuture().awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        List<Channel> left = List.copyOf(connections);
        for (Channel connection : left) {
            CutOff.SHUTDOWN.reset(connection);
        }
        if (!left.isEmpty()) {
            log.info("Cut off {} mid-poem at shutdown", left.size() == 1 ? "1 connection" : left.size() + " connections");
            connections.newCloseFuture().awaitUninterruptibly(RESET_WAIT.toMillis());
        }
        reports.cancel(false);
        if (listener.eventLoop().inEventLoop()) {
            tracker.report();
        } else {
            listener.eventLoop().submit(tracker::report).awaitUninterruptibly(RESET_WAIT.toMillis());
        }
        failures.flushNow();
        alsoSummarised.forEach(FailureLog::flushNow);
    }

    /** Stops at once: the listener closes and every connection still open is reset. */
    @Override
    public void close() {
        shutdownGracefully(Duration.ZERO);
    }

    private void report() {
        tracker.report();
        failures.flush();
        alsoSummarised.forEach(FailureLog::flush);
    }
}
