package dev.poetry.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import io.netty.util.AttributeKey;
import java.util.Optional;

/**
 * Why the server itself ended a connection before its poem did. Ending it is always a reset
 * (SO_LINGER 0), never a clean close, because a client can't tell a clean close from a whole poem;
 * the reason stays on the channel so that its handler logs "we cut it off", not "it went away".
 */
public enum CutOff {
    /** The drain time after a stop signal ran out. */
    SHUTDOWN,
    /** The client took no bytes for {@code --write-timeout}. */
    WRITE_TIMEOUT,
    /** {@code --fault} asked for it: a reset, or a clean close to show what a clean close can't prove. */
    FAULT,
    /** The poem could not be had (the proxy's upstream failed) or the connection failed under it. */
    FAILURE;

    private static final AttributeKey<CutOff> REASON = AttributeKey.valueOf(CutOff.class, "reason");

    /** Why the server ended {@code channel}, if it did. */
    public static Optional<CutOff> of(Channel channel) {
        return channel.hasAttr(REASON) ? Optional.ofNullable(channel.attr(REASON).get()) : Optional.empty();
    }

    /**
     * Resets {@code channel}, from any thread. SO_LINGER is set from the calling thread, not the
     * channel's loop, so that even a connection whose loop is stuck is reset when the process exits.
     */
    public void reset(Channel channel) {
        channel.attr(REASON).setIfAbsent(this);
        try {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
        } catch (ChannelException alreadyClosed) {
            // nothing left to reset
        }
        channel.close();
    }

    /** Closes {@code channel} cleanly, on purpose, noting why; only {@code --fault close-after} wants this. */
    public void closeCleanly(Channel channel) {
        channel.attr(REASON).setIfAbsent(this);
        channel.close();
    }
}
