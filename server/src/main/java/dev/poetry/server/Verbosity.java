package dev.poetry.server;

/** How much a server logs. Failures and refusals are logged at every level. */
public enum Verbosity {
    /** Nothing per connection: for load tests, where a line per connection would measure the logger. */
    QUIET,
    /** One line per connection served. */
    NORMAL,
    /** Also who connects and, for the slow server, every chunk. */
    VERBOSE;

    public boolean perConnection() {
        return this != QUIET;
    }

    public boolean detailed() {
        return this == VERBOSE;
    }
}
