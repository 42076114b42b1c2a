package dev.poetry.cli;

/** An expected failure: its message is printed alone, as one line, and the command exits 1. */
final class CommandFailure extends RuntimeException {

    CommandFailure(String message) {
        super(message);
    }
}
