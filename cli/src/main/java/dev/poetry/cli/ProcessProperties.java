package dev.poetry.cli;

import org.slf4j.simple.SimpleServiceProvider;

/**
 * The system properties a poetry process sets for itself, by command, before any library reads
 * them. Each one was a measured share of a short command's start-up (README, Benchmarks); a
 * property the user sets on the command line (say through {@code POETRY_JAVA_OPTS}) always wins.
 */
final class ProcessProperties {

    private ProcessProperties() {
    }

    /** @param server whether the command is a long-running server rather than a short-lived one */
    static void setFor(boolean server) {
        // Naming slf4j's provider spares a scan of every service file in the fat jar; named that
        // way, slf4j says so at INFO on stderr, so its own messages start at WARN.
        if (setIfAbsent("slf4j.provider", SimpleServiceProvider.class.getName())) {
            setIfAbsent("slf4j.internal.verbosity", "WARN");
        }
        // picocli registers a converter for every java.sql and java.time type by reflection; no
        // option of ours takes one (a new one would fail at once: "No TypeConverter registered").
        setIfAbsent("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
        if (server) {
            // Only servers log lines of their own, so only they pay for the time format's locale
            // data (a tenth of a client's start-up); simplelogger.properties leaves the time off.
            setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
            setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
            // Lets Netty allocate direct memory itself (the jar's manifest opens java.nio to it): out of
            // direct memory it then fails the one allocation at once, where the JDK's allocateDirect
            // would call System.gc() and sleep up to half a second on the event loop, every time.
            setIfAbsent("io.netty.tryReflectionSetAccessible", "true");
        } else {
            // Netty's default (adaptive, pooled) allocator takes longer to set up than a client
            // spends allocating; servers keep it, for the steady state.
            setIfAbsent("io.netty.allocator.type", "unpooled");
        }
    }

    private static boolean setIfAbsent(String key, String value) {
        if (System.getProperty(key) != null) {
            return false;
        }
        System.setProperty(key, value);
        return true;
    }
}
