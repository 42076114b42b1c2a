package dev.poetry.cli;

import dev.poetry.server.ServerLimits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --max-connections}, {@code --write-timeout} and {@code --drain}: the bounds every server puts on its clients. */
final class ServerLimitOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + ServerLimits.DEFAULT_MAX_CONNECTIONS,
            description = "Connections open at once; one more is accepted and reset at once (default: ${DEFAULT-VALUE}).")
    private int maxConnections;

    @Option(names = "--write-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Reset a client that takes no bytes for this long (default: ${DEFAULT-VALUE}).")
    private double writeTimeout;

    @Option(names = "--drain", paramLabel = "SECONDS", defaultValue = "3",
            description = "On SIGINT/SIGTERM, let connections finish for this long, then reset the rest (default: ${DEFAULT-VALUE}).")
    private double drain;

    ServerLimits limits() {
        if (maxConnections < 1) {
            throw new ParameterException(spec.commandLine(), "--max-connections must be at least 1, not " + maxConnections);
        }
        return new ServerLimits(maxConnections,
                Seconds.toDuration(spec.commandLine(), "--write-timeout", writeTimeout, false),
                Seconds.toDuration(spec.commandLine(), "--drain", drain, true));
    }
}
