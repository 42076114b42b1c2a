package dev.poetry.client;

/** How one of several futures ended: with a value or with a failure. */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Failure {

    record Success<T>(T value) implements Outcome<T> {
    }

    record Failure<T>(Throwable error) implements Outcome<T> {
    }
}
