package dev.poetry.server.transform;

import dev.poetry.net.netstring.NetstringDecoder;
import dev.poetry.net.netstring.NetstringEncoder;
import dev.poetry.server.FailureLog;
import dev.poetry.server.TcpServer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Pipeline of the transform server: the silence bound, netstring framing, then the request logic,
 * which also keeps the whole request's deadline and hands the work to {@code workers}.
 */
@Sharable
final class TransformServerInitializer extends ChannelInitializer<Channel> {

    private final TransformServer.Settings settings;
    private final Executor workers;
    /** The server's own failure log, so that a flood of bad requests is summarised across all its connections. */
    private final Function<Channel, FailureLog> failures;
    private final int inlineLimit;

    TransformServerInitializer(TransformServer.Settings settings, Executor workers) {
        this(settings, workers, TcpServer::failures, TransformServerHandler.INLINE_LIMIT);
    }

    /** For tests: {@code failures} for every channel, and {@code inlineLimit}, the largest request transformed on the loop. */
    TransformServerInitializer(TransformServer.Settings settings, Executor workers, FailureLog failures, int inlineLimit) {
        this(settings, workers, channel -> failures, inlineLimit);
    }

    private TransformServerInitializer(TransformServer.Settings settings, Executor workers,
                                       Function<Channel, FailureLog> failures, int inlineLimit) {
        this.settings = settings;
        this.workers = workers;
        this.failures = failures;
        this.inlineLimit = inlineLimit;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast(
                new ReadTimeoutHandler(settings.idleTimeout().toNanos(), TimeUnit.NANOSECONDS),
                new NetstringDecoder(settings.maxLength()),
                NetstringEncoder.INSTANCE,
                new TransformServerHandler(settings, workers, failures.apply(channel), inlineLimit));
    }
}
