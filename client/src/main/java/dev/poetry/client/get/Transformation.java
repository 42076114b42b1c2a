package dev.poetry.client.get;

import dev.poetry.net.Address;

/**
 * A transform to apply to every poem.
 *
 * @param server the transform server
 * @param name the transform's name, e.g. {@code cummingsify}
 */
public record Transformation(Address server, String name) {
}
