/** The {@code poetry} command: parses arguments, wires the other modules together, and prints. */
package dev.poetry.cli;
