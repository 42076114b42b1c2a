package dev.poetry.net.netstring;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Splits a byte stream into netstrings, {@code LENGTH:BYTES,}, and emits each payload as a
 * {@link ByteBuf} that the next handler must release.
 *
 * <p>The length is plain ASCII decimal with no sign, no spaces and no leading zeros ({@code 0} is
 * the empty string's length). A length over the limit is refused as soon as its digits show it,
 * before any of the body is buffered. After the first error the rest of the stream is discarded:
 * framing is lost, and the handler that sees the exception is expected to close the channel.
 *
 * <p>Holds the state of one stream, so it is made per channel.
 */
public class NetstringDecoder extends ByteToMessageDecoder {

    private final int maxLength;

    /** Digits seen so far of the current length; -1 once the ':' has been read. */
    private int digits;
    private long length;
    private boolean failed;

    public NetstringDecoder(int maxLength) {
        this.maxLength = checkMaxLength(maxLength);
    }

    /**
     * The one rule for the longest payload a reader accepts, for whoever takes such a limit (a
     * command's option, a server's settings): a count of bytes, 0 or more.
     *
     * @throws IllegalArgumentException naming the rule, when {@code maxLength} breaks it
     */
    public static int checkMaxLength(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("must be 0 or more bytes, not " + maxLength);
        }
        return maxLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!failed && in.isReadable()) {
            if (digits >= 0 && !readLength(in)) {
                return;
            }
            if (in.readableBytes() < length + 1) {
                return;
            }
            ByteBuf payload = in.readRetainedSlice((int) length);
            byte terminator = in.readByte();
            if (terminator != ',') {
                payload.release();
                throw fail(in, new CorruptedFrameException(
                        "netstring of " + length + " bytes ends with " + describe(terminator) + " instead of ','"));
            }
            digits = 0;
            length = 0;
            out.add(payload);
        }
        if (failed) {
            in.skipBytes(in.readableBytes());
        }
    }

    /** Consumes length digits; true once the ':' has been read. */
    private boolean readLength(ByteBuf in) {
        while (in.isReadable()) {
            byte b = in.readByte();
            if (b == ':') {
                if (digits == 0) {
                    throw fail(in, new CorruptedFrameException("netstring has no length before ':'"));
                }
                digits = -1;
                return true;
            }
            if (b < '0' || b > '9') {
                throw fail(in, new CorruptedFrameException(
                        "netstring length contains " + describe(b) + " where a digit or ':' belongs"));
            }
            if (digits == 1 && length == 0) {
                throw fail(in, new CorruptedFrameException("netstring length has a leading zero"));
            }
            length = length * 10 + (b - '0');
            digits++;
            if (length > maxLength) {
                throw fail(in, new TooLongFrameException(
                        "netstring length exceeds the limit of " + maxLength + " bytes"));
            }
        }
        return false;
    }

    private <E extends Exception> E fail(ByteBuf in, E error) {
        failed = true;
        in.skipBytes(in.readableBytes());
        return error;
    }

    /** A byte as a person would want it named in a log line. */
    private static String describe(byte b) {
        int unsigned = b & 0xff;
        if (unsigned >= 0x21 && unsigned < 0x7f) {
            return "'" + (char) unsigned + "'";
        }
        return String.format("byte 0x%02x", unsigned);
    }

    /** True while a netstring has been started but not finished, e.g. when the peer hangs up. */
    public boolean isInsideFrame() {
        return !failed && (digits != 0 || actualReadableBytes() > 0);
    }
}
