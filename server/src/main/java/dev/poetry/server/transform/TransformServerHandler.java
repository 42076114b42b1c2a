package dev.poetry.server.transform;

import dev.poetry.net.Address;
import dev.poetry.net.MalformedRequestException;
import dev.poetry.net.TransformRequest;
import dev.poetry.net.Utf8;
import dev.poetry.net.netstring.NetstringDecoder;
import dev.poetry.server.CutOff;
import dev.poetry.server.DirectMemoryShortage;
import dev.poetry.server.FailureLog;
import dev.poetry.server.PeerText;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request with one netstring, then closes. Anything wrong with the request closes the
 * connection without a reply, because the tutorial's clients take any reply as the poem; the
 * server's {@link FailureLog} says why. The transform of anything but a small request runs on a
 * worker, never on the loop, and its reply is written back on the channel's own loop.
 *
 * <p>It also keeps both bounds on the request, on one timer: silence (no read for the idle timeout)
 * and the whole (no complete request within the request timeout, however the client drips).
 *
 * <p>Made per channel because it holds its one request's state. Its fields are touched on the
 * channel's event loop only, so none is volatile.
 */
final class TransformServerHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TransformServerHandler.class);

    /**
     * Requests of at most this many bytes are transformed on the loop: in linear time that is at most
     * a millisecond or so even of the costliest text, and cheaper than two thread hand-offs.
     */
    static final int INLINE_LIMIT = 4096;

    private final TransformServer.Settings settings;
    private final Executor workers;
    private final FailureLog failures;
    private final int inlineLimit;
    /** This channel's framing, asked at the end whether the client left in the middle of a request. */
    private final NetstringDecoder framing;
    /** True once the request is whole, or refused: whatever else arrives is ignored. */
    private boolean requestTaken;
    private long connectedNanos;
    private long lastReadNanos;
    /** The one timer for both bounds, set for the nearer; null once the request is taken. */
    private ScheduledFuture<?> guard;

    TransformServerHandler(TransformServer.Settings settings, Executor workers, FailureLog failures, int inlineLimit,
                           NetstringDecoder framing) {
        this.settings = settings;
        this.workers = workers;
        this.failures = failures;
        this.inlineLimit = inlineLimit;
        this.framing = framing;
    }

    /** The request's clock starts when the connection does: accepted sockets are active when their pipeline is. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (settings.verbosity().detailed()) {
            log.info("Somebody at {} wants a transform", Address.describe(ctx.channel().remoteAddress()));
        }
        connectedNanos = now(ctx);
        lastReadNanos = connectedNanos;
        guardFor(ctx, Math.min(settings.idleTimeout().toNanos(), settings.requestTimeout().toNanos()));
        ctx.fireChannelActive();
    }

    /** Every read, whole frame or not, ends here (the framing passes it on): the client is not silent. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!requestTaken) {
            lastReadNanos = now(ctx);
        }
        ctx.fireChannelReadComplete();
    }

    private void guardFor(ChannelHandlerContext ctx, long nanos) {
        guard = ctx.executor().schedule(() -> checkBounds(ctx), nanos, TimeUnit.NANOSECONDS);
    }

    /** When the timer fires: refuse for whichever bound is past, or set it again for the nearer one. */
    private void checkBounds(ChannelHandlerContext ctx) {
        if (requestTaken) {
            return;
        }
        long now = now(ctx);
        long wholeLeft = connectedNanos + settings.requestTimeout().toNanos() - now;
        long silenceLeft = lastReadNanos + settings.idleTimeout().toNanos() - now;
        if (wholeLeft <= 0) {
            refuse(ctx, "request timeout", "no whole request after " + seconds(settings.requestTimeout().toNanos()));
        } else if (silenceLeft <= 0) {
            refuse(ctx, "idle", "silent for " + seconds(settings.idleTimeout().toNanos()) + " before its whole request");
        } else {
            guardFor(ctx, Math.min(wholeLeft, silenceLeft));
        }
    }

    /** The loop's own clock, which tests move by hand. */
    private static long now(ChannelHandlerContext ctx) {
        return ctx.executor().ticker().nanoTime();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (requestTaken) {
            ReferenceCountUtil.release(msg); // one request per connection; the rest is ignored
            return;
        }
        takeRequest();
        ByteBuf payload = (ByteBuf) msg;
        if (payload.readableBytes() <= inlineLimit) {
            transform(ctx, payload);
            return;
        }
        readNoMore(ctx);
        try {
            workers.execute(() -> transform(ctx, payload));
        } catch (RejectedExecutionException full) {
            payload.release();
            refuse(ctx, "busy", "every worker busy and the queue full");
        }
    }

    /** Runs on a worker (or, for a small request, on the loop): the work, then a hop to the channel's own loop to answer. */
    private void transform(ChannelHandlerContext ctx, ByteBuf payload) {
        Outcome outcome;
        try {
            if (!ctx.channel().isActive()) {
                return; // the client left while its request waited: abandon the work
            }
            outcome = answer(ctx.alloc(), payload);
        } catch (Throwable failed) { // even an Error must close the connection, or the client waits for ever
            outcome = new Refusal("transform failed", "transform failed: " + PeerText.quote(String.valueOf(failed)));
        } finally {
            payload.release();
        }
        if (ctx.executor().inEventLoop()) {
            deliver(ctx, outcome);
            return;
        }
        Outcome done = outcome;
        try {
            ctx.executor().execute(() -> deliver(ctx, done));
        } catch (RejectedExecutionException loopGone) {
            done.discard();
        }
    }

    private Outcome answer(ByteBufAllocator alloc, ByteBuf payload) {
        Outcome inPlace = answerAsciiInPlace(payload);
        return inPlace != null ? inPlace : answerFromText(alloc, payload);
    }

    /**
     * The common case: a request all in ASCII (valid UTF-8 as it stands) for a transform that maps ASCII
     * byte for byte. The poem is transformed where it lies in the read buffer and sent from there: no
     * copy, no text. Null for anything else, refusals included, which all take the way through text.
     */
    private Outcome answerAsciiInPlace(ByteBuf payload) {
        int start = payload.readerIndex();
        int end = payload.writerIndex();
        if (payload.isReadOnly() || !Utf8.isAscii(payload, start, end - start)) {
            return null;
        }
        int dot = TransformRequest.nameEnd(payload);
        if (dot < 0) {
            return null;
        }
        Optional<Transform> transform = settings.transforms().find(payload.toString(start, dot - start, StandardCharsets.US_ASCII));
        if (transform.isEmpty()) {
            return null;
        }
        try {
            if (!transform.get().applyToAscii(payload, dot + 1, end - dot - 1)) {
                return null;
            }
        } catch (RuntimeException e) {
            return failed(transform.get().name(), e);
        }
        return new Reply(transform.get().name(), payload.retainedSlice(dot + 1, end - dot - 1));
    }

    private Outcome answerFromText(ByteBufAllocator alloc, ByteBuf payload) {
        TransformRequest request;
        try {
            request = TransformRequest.decode(payload);
        } catch (MalformedRequestException e) {
            return new Refusal("malformed request", e.getMessage());
        }
        Optional<Transform> transform = settings.transforms().find(request.name());
        if (transform.isEmpty()) {
            return new Refusal("unknown transform", "unknown transform " + PeerText.quote(request.name()));
        }
        String result;
        try {
            result = transform.get().apply(request.poem());
        } catch (RuntimeException e) {
            return failed(request.name(), e);
        }
        int size = ByteBufUtil.utf8Bytes(result);
        ByteBuf reply = alloc.buffer(size, size);
        ByteBufUtil.reserveAndWriteUtf8(reply, result, size);
        return new Reply(request.name(), reply);
    }

    private static Refusal failed(String transform, RuntimeException e) {
        return new Refusal("transform failed", "transform " + transform + " failed: " + PeerText.quote(String.valueOf(e)));
    }

    private void deliver(ChannelHandlerContext ctx, Outcome outcome) {
        if (outcome instanceof Refusal refusal) {
            refuse(ctx, refusal.kind(), refusal.why());
            return;
        }
        Reply reply = (Reply) outcome;
        int replyBytes = reply.bytes().readableBytes();
        ChannelFuture write = ctx.writeAndFlush(reply.bytes());
        if (!write.isDone()) {
            readNoMore(ctx);
        }
        write.addListener((ChannelFutureListener) sent -> {
            if (sent.isSuccess()) {
                if (settings.verbosity().perConnection()) {
                    log.info("Sent {} of {} bytes to {}", reply.name(), replyBytes, Address.describe(sent.channel().remoteAddress()));
                }
            } else {
                clientWentAway(ctx, "went away before taking its " + reply.name() + ": " + sent.cause().getMessage());
            }
            sent.channel().close();
        });
    }

    /**
     * One request per connection: while it waits (for a worker, or for a slow client to take its reply),
     * read no more, so that a client that keeps sending costs nothing. A reply written at once needs
     * none of this: the connection closes straight after.
     */
    private static void readNoMore(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!requestTaken && framing.isInsideFrame()) {
            clientWentAway(ctx, "hung up in the middle of its request");
        }
        takeRequest();
        ctx.fireChannelInactive();
    }

    /**
     * The client shut down its sending side. After a whole request that is a client waiting for its
     * reply, which closes the connection once sent; before one, no request can come: close now.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent && !requestTaken) {
            if (framing.isInsideFrame()) {
                clientWentAway(ctx, "hung up in the middle of its request");
            }
            takeRequest();
            ctx.close();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (requestTaken && cause instanceof DecoderException) {
            return; // bytes after the one request are ignored, however badly framed
        }
        if (cause instanceof IOException) {
            clientWentAway(ctx, "went away: " + cause.getMessage()); // a reset by the peer is its choice, not our failure
            ctx.close();
        } else if (cause instanceof TooLongFrameException) {
            refuse(ctx, "request too long", cause.getMessage());
        } else if (cause instanceof CorruptedFrameException) {
            refuse(ctx, "malformed request", cause.getMessage());
        } else {
            // Out of direct memory, requests held by other clients fill it: this one is refused, the server carries on.
            Optional<String> shortage = DirectMemoryShortage.describe(cause);
            refuse(ctx, shortage.isPresent() ? "out of direct memory" : "error", shortage.orElseGet(() -> PeerText.quote(String.valueOf(cause))));
        }
    }

    /** From here on the request is done with: the timer that guards it stops. */
    private void takeRequest() {
        requestTaken = true;
        if (guard != null) {
            guard.cancel(false);
            guard = null;
        }
    }

    private void refuse(ChannelHandlerContext ctx, String kind, String why) {
        takeRequest();
        failures.failure(kind, "Closing " + Address.describe(ctx.channel().remoteAddress()) + " without a reply: " + why);
        ctx.close();
    }

    /**
     * A client that leaves is no failure of ours: logged per connection, so -q leaves it out. A
     * connection the server cut off (at shutdown, say) did not go away; whoever cut it says why.
     */
    private void clientWentAway(ChannelHandlerContext ctx, String what) {
        if (!settings.verbosity().perConnection()) {
            return;
        }
        String peer = Address.describe(ctx.channel().remoteAddress());
        Optional<CutOff> cutOff = CutOff.of(ctx.channel());
        if (cutOff.isEmpty()) {
            failures.failure("client went away", peer + " " + what);
        } else if (cutOff.get() == CutOff.SHUTDOWN) {
            log.info("Cut off {} before its reply: the server is shutting down", peer);
        }
    }

    private static String seconds(long nanos) {
        return java.math.BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString() + " s";
    }

    /** What a worker hands back to the loop. */
    private sealed interface Outcome permits Reply, Refusal {
        default void discard() {
        }
    }

    private record Reply(String name, ByteBuf bytes) implements Outcome {
        @Override
        public void discard() {
            bytes.release();
        }
    }

    private record Refusal(String kind, String why) implements Outcome {
    }
}
