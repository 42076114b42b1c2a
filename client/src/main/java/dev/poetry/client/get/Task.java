package dev.poetry.client.get;

import dev.poetry.net.Address;

/** One download of {@code poetry get}: its number (from 1, in the order given) and its server. */
public record Task(int number, Address address) {
}
