package dev.poetry.cli;

import picocli.CommandLine.Option;

/** {@code -v}: more log lines, and stack traces for unexpected failures. */
final class VerboseOption {

    @Option(names = {"-v", "--verbose"}, description = "Log every connection and chunk in detail.")
    boolean verbose;
}
