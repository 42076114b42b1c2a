package dev.poetry.server.slow;

import dev.poetry.server.Verbosity;
import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.TcpServer;
import io.netty.channel.ChannelHandler;
import java.time.Duration;

/**
 * The slow poetry server: {@code numBytes} every {@code delay} to each client, then close. Its
 * pipeline is public on its own as well, so that the fault server can misbehave around it.
 */
public final class SlowPoetryServer {

    private SlowPoetryServer() {
    }

    public static RunningServer start(EventLoops loops, String iface, int port, SharedPoem poem, Pace pace, ServerLimits limits, Verbosity verbosity) {
        return TcpServer.start(loops, iface, port, limits, initializer(poem, pace, verbosity));
    }

    /** What each connection of a slow server runs; shared by all of them. */
    public static ChannelHandler initializer(SharedPoem poem, Pace pace, Verbosity verbosity) {
        return new SlowPoetryServerInitializer(poem, pace, verbosity);
    }

    /** How fast the slow server talks: {@code numBytes} bytes every {@code delay}. */
    public record Pace(int numBytes, Duration delay) {
        public Pace {
            if (numBytes < 1) {
                throw new IllegalArgumentException("must be at least 1, not " + numBytes);
            }
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative: " + delay);
            }
        }
    }
}
