package dev.poetry.server.transform;

import io.netty.buffer.ByteBuf;

/** One way of changing a poem. To add one, write a small class and list it in {@link Transforms#standard()}. */
public interface Transform {

    /** The name clients send before the {@code .}; never contains a {@code .}. */
    String name();

    /** One line for {@code poetry transform --list}. */
    String description();

    String apply(String poem);

    /**
     * Transforms a poem that is all ASCII where it lies, the {@code length} bytes of {@code poem} from
     * {@code index}, into the bytes of what {@link #apply} returns. For a transform that maps each ASCII
     * byte to one byte on its own; any other leaves the bytes as they are and returns false (the default).
     */
    default boolean applyToAscii(ByteBuf poem, int index, int length) {
        return false;
    }
}
