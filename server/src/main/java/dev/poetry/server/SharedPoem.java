package dev.poetry.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A poem read once at start-up and written to every connection from one buffer. The buffer is
 * direct (so the native transport can write it without copying) and unreleasable (so connections
 * on different event loops share it without touching a reference count); the garbage collector
 * frees it with the server.
 */
public final class SharedPoem {

    private final ByteBuf bytes;

    private SharedPoem(byte[] content) {
        ByteBuffer direct = ByteBuffer.allocateDirect(content.length).put(content).flip();
        this.bytes = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct));
    }

    private SharedPoem(ByteBuf owned) {
        this.bytes = Unpooled.unreleasableBuffer(owned);
    }

    /** Takes {@code owned} as the poem without copying it: nobody may change or release it afterwards. */
    public static SharedPoem wrap(ByteBuf owned) {
        return new SharedPoem(owned);
    }

    public static SharedPoem of(byte[] content) {
        return new SharedPoem(content);
    }

    /** Reads the file's bytes, unchanged, turning each way it can fail into a one-line reason. */
    public static SharedPoem load(Path file) {
        if (Files.isDirectory(file)) {
            throw new ServerStartException(file + " is a directory, not a poem");
        }
        try {
            return new SharedPoem(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ServerStartException("no such file: " + file);
        } catch (AccessDeniedException e) {
            throw new ServerStartException("cannot read " + file + ": permission denied");
        } catch (IOException | OutOfMemoryError e) {
            throw new ServerStartException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public int length() {
        return bytes.readableBytes();
    }

    /** The whole poem, as a view of its own that may be written and released freely. */
    public ByteBuf all() {
        return bytes.duplicate();
    }

    /** {@code length} bytes from {@code offset}, as a view that may be written and released freely. */
    public ByteBuf slice(int offset, int length) {
        return bytes.slice(offset, length);
    }
}
