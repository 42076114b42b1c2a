package dev.poetry.server.transform;

import dev.poetry.net.netstring.NetstringDecoder;
import dev.poetry.net.netstring.NetstringEncoder;
import dev.poetry.server.FailureLog;
import dev.poetry.server.TcpServer;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.RecvByteBufAllocator;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Pipeline of the transform server: netstring framing, then the request logic, which also keeps
 * both bounds on the request (silence and the whole) on one timer and hands the work to {@code workers}.
 */
@Sharable
final class TransformServerInitializer extends ChannelInitializer<Channel> {

    /**
     * The first read of a connection takes up to {@link TransformServerHandler#INLINE_LIMIT} bytes, so that a
     * poem of a few kilobytes comes in one read rather than two and is never copied to be put together
     * (Netty's default first guess is 2 KiB). Then it adapts, as the default does.
     */
    private static final RecvByteBufAllocator REQUEST_SIZED_READS =
            new AdaptiveRecvByteBufAllocator(64, TransformServerHandler.INLINE_LIMIT, 65_536);

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
        channel.config().setRecvByteBufAllocator(REQUEST_SIZED_READS);
        // A client may shut down its sending side once its request is out (nc -N does): it still wants the reply.
        channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        NetstringDecoder framing = new NetstringDecoder(settings.maxLength());
        channel.pipeline().addLast(
                framing,
                NetstringEncoder.INSTANCE,
                new TransformServerHandler(settings, workers, failures.apply(channel), inlineLimit, framing));
    }
}
