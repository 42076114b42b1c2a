package dev.poetry.cli;

import dev.poetry.net.Address;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --iface} and {@code --port}, for every command that listens. */
final class ListenOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--iface", paramLabel = "HOST", defaultValue = "localhost",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
    String iface;

    int port;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Event-loop threads; 0 means Netty's default, twice the cores (default: ${DEFAULT-VALUE}).")
    void setThreads(int threads) {
        if (threads < 0 || threads > 1024) {
            throw new ParameterException(spec.commandLine(), "--threads " + threads + " is out of range (0-1024)");
        }
        this.threads = threads;
    }

    int threads;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "Port to listen on; 0 or none picks a free one (default: ${DEFAULT-VALUE}).")
    void setPort(int port) {
        try {
            this.port = Address.checkPort(port, true);
        } catch (IllegalArgumentException outOfRange) {
            throw new ParameterException(spec.commandLine(), "--" + outOfRange.getMessage());
        }
    }
}
