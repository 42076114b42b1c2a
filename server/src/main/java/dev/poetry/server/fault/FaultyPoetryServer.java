package dev.poetry.server.fault;

import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.ServerStartException;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.TcpServer;
import dev.poetry.server.Verbosity;
import dev.poetry.server.fast.FastPoetryServer;
import dev.poetry.server.slow.SlowPoetryServer;
import io.netty.channel.ChannelHandler;
import java.util.Optional;

/**
 * Starts a poetry server that misbehaves on purpose. A truncating fault wraps the fast server's
 * pipeline, or the slow one's when a pace is given; {@code drip} is the slow server at one byte
 * per interval; {@code endless} has a handler of its own. Every limit still applies: a stall ends
 * at shutdown, an endless poem to a client that stops reading at the write deadline.
 */
public final class FaultyPoetryServer {

    private FaultyPoetryServer() {
    }

    /**
     * @param pace the slow server's pace, for a {@link Fault.Truncate}; the other faults set their own
     * @throws IllegalArgumentException for a pace with a fault that sets its own
     */
    public static RunningServer start(EventLoops loops, String iface, int port, SharedPoem poem, Optional<SlowPoetryServer.Pace> pace,
                                      Fault fault, ServerLimits limits, Verbosity verbosity) {
        return TcpServer.start(loops, iface, port, limits, initializer(poem, pace, fault, verbosity));
    }

    private static ChannelHandler initializer(SharedPoem poem, Optional<SlowPoetryServer.Pace> pace, Fault fault, Verbosity verbosity) {
        if (pace.isPresent() && !(fault instanceof Fault.Truncate)) {
            throw new IllegalArgumentException("this fault sets its own pace: " + fault);
        }
        if (fault instanceof Fault.Truncate truncate) {
            ChannelHandler poemWriter = pace.map(p -> SlowPoetryServer.initializer(poem, p, verbosity))
                    .orElseGet(() -> FastPoetryServer.initializer(poem, verbosity));
            return new FaultyPoetryServerInitializer(Math.min(truncate.bytes(), poem.length()), truncate.ending(), poemWriter);
        }
        if (fault instanceof Fault.Drip drip) {
            return SlowPoetryServer.initializer(poem, new SlowPoetryServer.Pace(1, drip.interval()), verbosity);
        }
        if (poem.length() == 0) {
            throw new ServerStartException("an endless poem needs a poem of at least one byte to repeat");
        }
        return new EndlessPoetryServerInitializer(poem, verbosity);
    }
}
