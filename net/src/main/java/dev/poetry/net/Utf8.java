package dev.poetry.net;

import io.netty.buffer.ByteBuf;

/**
 * Strict UTF-8 validation straight from a byte array, with no decoder object and no exception: the
 * same bytes that a reporting {@code CharsetDecoder} refuses (stray or missing continuation bytes,
 * overlong forms, surrogates, code points above U+10FFFF) are refused here.
 */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * True when every byte of the range is below 0x80: valid UTF-8 as it stands, checked where it lies
     * (a direct buffer too) eight bytes at a time.
     */
    public static boolean isAscii(ByteBuf buf, int index, int length) {
        int i = index;
        int end = index + length;
        for (; end - i >= Long.BYTES; i += Long.BYTES) {
            if ((buf.getLong(i) & 0x8080808080808080L) != 0) {
                return false;
            }
        }
        for (; i < end; i++) {
            if (buf.getByte(i) < 0) {
                return false;
            }
        }
        return true;
    }

    public static boolean isValid(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int b = bytes[i];
            if (b >= 0) {
                i++; // ASCII, by far the most common case
                continue;
            }
            b &= 0xff;
            if (b < 0xc2) {
                return false; // a continuation byte with no lead, or an overlong two-byte form
            }
            if (b < 0xe0) {
                if (i + 1 >= end || !isContinuation(bytes[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (b < 0xf0) {
                if (i + 2 >= end || !isContinuation(bytes[i + 1]) || !isContinuation(bytes[i + 2])) {
                    return false;
                }
                int second = bytes[i + 1] & 0xff;
                if ((b == 0xe0 && second < 0xa0) || (b == 0xed && second >= 0xa0)) {
                    return false; // overlong, or a UTF-16 surrogate
                }
                i += 3;
            } else if (b < 0xf5) {
                if (i + 3 >= end || !isContinuation(bytes[i + 1]) || !isContinuation(bytes[i + 2]) || !isContinuation(bytes[i + 3])) {
                    return false;
                }
                int second = bytes[i + 1] & 0xff;
                if ((b == 0xf0 && second < 0x90) || (b == 0xf4 && second >= 0x90)) {
                    return false; // overlong, or above U+10FFFF
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xc0) == 0x80;
    }
}
