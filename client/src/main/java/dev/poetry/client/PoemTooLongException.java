package dev.poetry.client;

import java.io.IOException;

/** A poem grew past the size its receiver accepts; the download is abandoned and its connection closed. */
public final class PoemTooLongException extends IOException {

    private final long limit;

    public PoemTooLongException(long limit) {
        super("poem longer than " + describe(limit) + " (--max-bytes)");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** {@code 64 MiB}, {@code 1.5 KiB}, {@code 100 bytes}: a size as a person reads it. */
    public static String describe(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value == Math.rint(value) ? String.valueOf((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value);
        return number + " " + units[unit];
    }
}
