package dev.poetry.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits in the listening channel's pipeline, where every accepted connection passes as a message:
 * remembers it for shutdown, resets it at once when {@code --max-connections} are already open,
 * gives it its write deadline, and turns a failed accept into one line per interval. Doing it here
 * costs nothing per connection's own pipeline.
 *
 * <p>Runs on the listener's event loop only, as does {@link #report()}, so its counters need no
 * synchronisation.
 */
@Sharable
final class ConnectionTracker extends ChannelInboundHandlerAdapter {

    /** How often the turned-away count and the out-of-descriptors line may be logged. */
    static final Duration REPORT_INTERVAL = Duration.ofSeconds(10);
    /** How long accepting pauses after a failed accept, so that a full descriptor table does not spin the loop. */
    private static final long ACCEPT_PAUSE_MILLIS = 100;
    private static final String WRITE_DEADLINE = "write-deadline";

    private static final Logger log = LoggerFactory.getLogger(ConnectionTracker.class);

    private final ChannelGroup connections;
    private final ServerLimits limits;
    private final FailureLog failures;
    /** Read at start: once descriptors run out, even loading the library that reads it fails. */
    private final String descriptorLimit = descriptorLimit();
    private long turnedAway;
    private long intervalStart = System.nanoTime();
    private long lastAcceptFailureLog = System.nanoTime() - REPORT_INTERVAL.toNanos();

    ConnectionTracker(ChannelGroup connections, ServerLimits limits, FailureLog failures) {
        this.connections = connections;
        this.limits = limits;
        this.failures = failures;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object accepted) {
        Channel connection = (Channel) accepted;
        if (connections.size() >= limits.maxConnections()) {
            turnedAway++;
            resetBeforeRegistration(connection);
            return;
        }
        connections.add(connection);
        connection.pipeline().addLast(WRITE_DEADLINE, new WriteDeadline(limits, failures)); // named: no generated name, no varargs array
        ctx.fireChannelRead(connection);
    }

    /** Accepted and reset, so the client learns at once instead of waiting in the kernel's queue. */
    private static void resetBeforeRegistration(Channel connection) {
        try {
            connection.config().setOption(ChannelOption.SO_LINGER, 0);
        } catch (ChannelException alreadyGone) {
            // the close below is all that is left to do
        }
        connection.unsafe().closeForcibly();
    }

    /**
     * A failed accept. Netty would log a generic warning for it at the pipeline's tail and pause a
     * second; we say what it means, once per interval, and pause briefly.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        long now = System.nanoTime();
        if (now - lastAcceptFailureLog >= REPORT_INTERVAL.toNanos()) {
            lastAcceptFailureLog = now;
            if (String.valueOf(cause.getMessage()).contains("Too many open files")) {
                log.warn("out of file descriptors (limit {}): refusing new connections; raise ulimit -n or lower --max-connections",
                        descriptorLimit);
            } else {
                log.warn("Could not accept a connection: {}", cause.toString());
            }
        }
        Channel listener = ctx.channel();
        listener.config().setAutoRead(false);
        listener.eventLoop().schedule(() -> {
            listener.config().setAutoRead(true);
        }, ACCEPT_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Logs how many connections were turned away since the last report, if any. */
    void report() {
        long now = System.nanoTime();
        if (turnedAway > 0) {
            log.warn(String.format("Turned away %,d %s over --max-connections %d in the last %s",
                    turnedAway, turnedAway == 1 ? "connection" : "connections", limits.maxConnections(), ServerLimits.seconds(Duration.ofSeconds(Math.max(1, Math.round((now - intervalStart) / 1e9))))));
        }
        turnedAway = 0;
        intervalStart = now;
    }

    private static String descriptorLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return String.valueOf(unix.getMaxFileDescriptorCount());
        }
        return "unknown";
    }
}
