package dev.poetry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * {@code poetry}: only subcommands, which {@link Poetry} adds. It has no run(), so a missing
 * subcommand is a usage error.
 */
@Command(
        name = "poetry",
        header = "Poetry servers, clients and a proxy, on Netty event loops.",
        mixinStandardHelpOptions = true,
        // Inherited, so that every subcommand's -V answers as its help says it will.
        scope = ScopeType.INHERIT,
        versionProvider = ManifestVersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "The programs of Dave Peticolas' Twisted Introduction, written again in Java.",
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0    success",
            "  1    a runtime failure (file, network, server)",
            "  2    a usage error (bad option or argument)",
            "  130  get interrupted by SIGINT (143: by SIGTERM)",
            "  141  get's output pipe was closed by its reader",
            "",
            "Run 'poetry help COMMAND' for one command's options and examples.",
        })
final class PoetryCommand {
}
