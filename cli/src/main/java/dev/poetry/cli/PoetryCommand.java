package dev.poetry.cli;

import picocli.CommandLine.Command;

/**
 * {@code poetry}: only subcommands, which {@link Poetry} adds. It has no run(), so a missing
 * subcommand is a usage error.
 */
@Command(
        name = "poetry",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Poetry servers, clients and a proxy: the programs of the Twisted Introduction,",
            "on Netty event loops.",
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  a runtime failure (file, network, server)",
            "  2  a usage error (bad option or argument)",
            "",
            "Run 'poetry help COMMAND' for one command's options and examples.",
        })
final class PoetryCommand {
}
