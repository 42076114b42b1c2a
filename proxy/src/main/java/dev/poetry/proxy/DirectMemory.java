package dev.poetry.proxy;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import sun.misc.Unsafe;

/**
 * Frees a direct buffer now instead of at the next garbage collection. {@code Unsafe.invokeCleaner}
 * (in {@code jdk.unsupported}, present on every JDK we run on, as {@code sun.misc.Signal} is) exists
 * for exactly this; where it can't be had, the buffer is left to the collector as before.
 */
final class DirectMemory {

    private static final Unsafe UNSAFE = unsafe();

    private DirectMemory() {
    }

    /** Frees {@code buffer}, which must be a buffer as allocated (not a slice or duplicate) and never used again. */
    static void free(ByteBuffer buffer) {
        if (UNSAFE != null && buffer.isDirect()) {
            UNSAFE.invokeCleaner(buffer);
        }
    }

    private static Unsafe unsafe() {
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            return null;
        }
    }
}
