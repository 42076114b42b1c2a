package dev.poetry.cli;

import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import dev.poetry.server.fast.FastPoetryServer;
import dev.poetry.server.fault.Fault;
import dev.poetry.server.fault.FaultyPoetryServer;
import dev.poetry.server.slow.SlowPoetryServer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code poetry serve}: the tutorial's fastpoetry and slowpoetry servers. */
@Command(
        name = "serve",
        header = "Serve a poem to everyone who connects, all at once or slowly.",
        mixinStandardHelpOptions = true,
        description = {
            "Serve a poem to everyone who connects, then close.",
            "Fast by default: the whole poem at once. With --slow, a few bytes at a time,",
            "every client on its own schedule.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  poetry serve --port 10001 poetry/science.txt",
            "  poetry serve --slow --port 10002 poetry/ecstasy.txt",
            "  poetry serve --slow --num-bytes 30 --delay 0.1 poetry/fascination.txt",
            "  poetry serve --fault reset-after=500 poetry/ecstasy.txt",
            "  poetry serve --slow --fault close-after=1K poetry/ecstasy.txt",
        })
final class ServeCommand implements Callable<Integer> {

    private final StopSignal stop;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ListenOptions listen;

    @Mixin
    private ServerLogOptions logging;

    @Mixin
    private ServerLimitOptions limitOptions;

    @Mixin
    private TransportOption transport;

    @Option(names = "--slow", description = "Send --num-bytes every --delay seconds instead of all at once.")
    private boolean slow;

    @Option(names = "--num-bytes", paramLabel = "N", defaultValue = "10",
            description = "With --slow: bytes per chunk (default: ${DEFAULT-VALUE}).")
    private int numBytes;

    @Option(names = "--delay", paramLabel = "SECONDS", defaultValue = "0.7",
            description = "With --slow: seconds between chunks (default: ${DEFAULT-VALUE}).")
    private double delay;

    @Option(names = "--fault", paramLabel = "KIND", converter = FaultConverter.class,
            description = {"Misbehave on purpose: reset-after=BYTES, close-after=BYTES or stall-after=BYTES",
                "(send BYTES, then reset, close cleanly, or stall; with --slow, at its pace),",
                "drip=SECONDS (a byte per interval) or endless (the poem without end); the last two",
                "set their own pace, so not with --slow."})
    private Fault fault;

    @Parameters(paramLabel = "FILE", description = "The poem to serve, sent byte for byte.")
    private Path file;

    ServeCommand(StopSignal stop) {
        this.stop = stop;
    }

    @Override
    public Integer call() throws InterruptedException {
        SlowPoetryServer.Pace pace = slow ? pace() : null;
        if (!slow && (spec.commandLine().getParseResult().hasMatchedOption("--num-bytes")
                || spec.commandLine().getParseResult().hasMatchedOption("--delay"))) {
            throw new ParameterException(spec.commandLine(), "--num-bytes and --delay need --slow");
        }
        if (slow && fault != null && !(fault instanceof Fault.Truncate)) {
            throw new ParameterException(spec.commandLine(), "--fault drip and --fault endless set their own pace; drop --slow");
        }
        Verbosity verbosity = logging.verbosity();
        ServerLimits limits = limitOptions.limits();
        SharedPoem poem = SharedPoem.load(file);
        return ForegroundServer.run(listen.threads, transport.transport(),
                loops -> fault != null
                        ? FaultyPoetryServer.start(loops, listen.iface, listen.port, poem, Optional.ofNullable(pace), fault, limits, verbosity)
                        : slow
                        ? SlowPoetryServer.start(loops, listen.iface, listen.port, poem, pace, limits, verbosity)
                        : FastPoetryServer.start(loops, listen.iface, listen.port, poem, limits, verbosity),
                server -> "Serving " + file + " on " + server.address() + ".",
                spec.commandLine().getOut(), stop);
    }

    private SlowPoetryServer.Pace pace() {
        var pause = Seconds.toDuration(spec.commandLine(), "--delay", delay, true);
        try {
            return new SlowPoetryServer.Pace(numBytes, pause);
        } catch (IllegalArgumentException brokenRule) { // the rule lives in Pace; the option's name is ours
            throw new ParameterException(spec.commandLine(), "--num-bytes " + brokenRule.getMessage());
        }
    }
}
