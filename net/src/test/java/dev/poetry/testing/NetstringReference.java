package dev.poetry.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The simplest reading of netstrings ({@code LENGTH:BYTES,}) that could be right, a byte at a time,
 * for fuzz tests to hold the real decoder and the servers against.
 *
 * @param frames the payloads of the whole netstrings before the end or the first error
 * @param failed whether the bytes break the format (as opposed to ending mid-frame)
 */
public record NetstringReference(List<byte[]> frames, boolean failed) {

    public static NetstringReference read(byte[] stream, int maxLength) {
        List<byte[]> frames = new ArrayList<>();
        int i = 0;
        while (i < stream.length) {
            long length = 0;
            int digits = 0;
            while (i < stream.length && stream[i] != ':') {
                byte b = stream[i++];
                if (b < '0' || b > '9' || (digits == 1 && length == 0)) {
                    return new NetstringReference(frames, true);
                }
                length = length * 10 + (b - '0');
                digits++;
                if (length > maxLength) {
                    return new NetstringReference(frames, true);
                }
            }
            if (i == stream.length) {
                return new NetstringReference(frames, false); // a length still arriving
            }
            if (digits == 0) {
                return new NetstringReference(frames, true);
            }
            i++; // the ':'
            if (stream.length - i < length + 1) {
                return new NetstringReference(frames, false); // a body still arriving
            }
            byte[] payload = new byte[(int) length];
            System.arraycopy(stream, i, payload, 0, payload.length);
            i += payload.length;
            if (stream[i++] != ',') {
                return new NetstringReference(frames, true);
            }
            frames.add(payload);
        }
        return new NetstringReference(frames, false);
    }
}
