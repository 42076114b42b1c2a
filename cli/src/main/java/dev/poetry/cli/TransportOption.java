package dev.poetry.cli;

import dev.poetry.net.EventLoops;
import dev.poetry.net.Transport;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --transport}, for every command that opens sockets on event loops. */
final class TransportOption {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    private Transport transport = Transport.AUTO;

    @Option(names = "--transport", paramLabel = "NAME", defaultValue = "auto",
            description = "auto, io_uring, epoll or nio; auto takes the fastest one available here (default: ${DEFAULT-VALUE}).")
    void setTransport(Transport transport) {
        // A named transport that cannot run here is refused up front, before anything starts.
        EventLoops.whyUnavailable(transport).ifPresent(reason -> {
            throw new ParameterException(spec.commandLine(), "--transport " + transport + " is not available here: " + reason);
        });
        this.transport = transport;
    }

    Transport transport() {
        return transport;
    }
}
