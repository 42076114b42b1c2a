package dev.poetry.net;

import java.util.Locale;

/** The socket transports our event loops can run on; {@link EventLoops} turns a choice into loops. */
public enum Transport {
    /** The fastest one available here, falling back silently to the next. */
    AUTO,
    /** Linux io_uring: completions instead of readiness, fewer system calls per connection. */
    IO_URING,
    /** Linux epoll through Netty's native library. */
    EPOLL,
    /** Java NIO: portable, everywhere. */
    NIO;

    /** The name users type: {@code auto}, {@code io_uring}, {@code epoll}, {@code nio}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
