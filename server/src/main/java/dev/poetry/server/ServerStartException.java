package dev.poetry.server;

/** A server could not start for a reason a person can fix (bad file, port in use); the message is one line. */
public final class ServerStartException extends RuntimeException {

    public ServerStartException(String message) {
        super(message);
    }

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
