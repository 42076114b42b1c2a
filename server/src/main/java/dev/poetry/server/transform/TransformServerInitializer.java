package dev.poetry.server.transform;

import dev.poetry.protocol.netstring.NetstringDecoder;
import dev.poetry.protocol.netstring.NetstringEncoder;
import dev.poetry.server.FailureLog;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Pipeline of the transform server: the silence bound, netstring framing, then the request logic,
 * which also keeps the whole request's deadline and hands the work to {@code workers}.
 */
@Sharable
final class TransformServerInitializer extends ChannelInitializer<Channel> {

    private final TransformServer.Settings settings;
    private final Executor workers;
    /** One per server, so that a flood of bad requests is summarised across all its connections. */
    private final FailureLog failures;
    private final int inlineLimit;

    TransformServerInitializer(TransformServer.Settings settings, Executor workers) {
        this(settings, workers, FailureLog.standard(LoggerFactory.getLogger(TransformServerHandler.class)),
                TransformServerHandler.INLINE_LIMIT);
    }

    /** {@code inlineLimit}: the largest request transformed on the loop rather than by {@code workers}. */
    TransformServerInitializer(TransformServer.Settings settings, Executor workers, FailureLog failures, int inlineLimit) {
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
                new TransformServerHandler(settings, workers, failures, inlineLimit));
    }
}
