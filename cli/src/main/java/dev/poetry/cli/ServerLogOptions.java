package dev.poetry.cli;

import dev.poetry.server.Verbosity;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code -v} and {@code -q} for the servers: more detail, or no line per connection. */
final class ServerLogOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "Also log who connects and, for --slow, every chunk.")
    private boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Log failures only, no line per connection (for load tests).")
    private boolean quiet;

    Verbosity verbosity() {
        if (verbose && quiet) {
            throw new ParameterException(spec.commandLine(), "--verbose and --quiet cannot be used together");
        }
        return verbose ? Verbosity.VERBOSE : quiet ? Verbosity.QUIET : Verbosity.NORMAL;
    }
}
