package dev.poetry.client;

import java.io.IOException;

/** A transform server closed the connection without answering: the tutorial's way of saying no. */
public final class NoReplyException extends IOException {

    public NoReplyException() {
        super("the server closed the connection without a reply");
    }
}
