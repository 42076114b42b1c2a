/** The styles of {@code poetry get}: the same downloads organised as the tutorial's clients organise them. */
package dev.poetry.client.get;
