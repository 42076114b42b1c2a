package dev.poetry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code poetry}: only a list of subcommands. It has no run(), so a missing subcommand is a usage error. */
@Command(
        name = "poetry",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Poetry servers, clients and a proxy: the programs of the Twisted Introduction,",
            "on Netty event loops.",
        },
        subcommands = {ServeCommand.class, TransformCommand.class, GetCommand.class, ProxyCommand.class, TimelineCommand.class, HelpCommand.class},
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
