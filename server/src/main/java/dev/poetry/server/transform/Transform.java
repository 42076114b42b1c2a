package dev.poetry.server.transform;

/** One way of changing a poem. To add one, write a small class and list it in {@link Transforms#standard()}. */
public interface Transform {

    /** The name clients send before the {@code .}; never contains a {@code .}. */
    String name();

    /** One line for {@code poetry transform --list}. */
    String description();

    String apply(String poem);
}
