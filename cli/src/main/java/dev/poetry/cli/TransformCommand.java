package dev.poetry.cli;

import dev.poetry.net.netstring.NetstringDecoder;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.transform.Transform;
import dev.poetry.server.transform.TransformServer;
import dev.poetry.server.transform.Transforms;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code poetry transform}: the tutorial's transformedpoetry server. */
@Command(
        name = "transform",
        header = "Serve poem transforms: cummingsify, shout and the like.",
        mixinStandardHelpOptions = true,
        description = {
            "Serve poem transforms: each client sends one netstring NAME.POEM and gets one",
            "netstring back, the transformed poem, then the server closes.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  poetry transform --port 10010",
            "  poetry transform --list",
            "  printf '27:cummingsify.HERE IS MY POEM,' | nc localhost 10010",
        })
final class TransformCommand implements Callable<Integer> {

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

    @Option(names = "--max-length", paramLabel = "BYTES", defaultValue = "" + TransformServer.DEFAULT_MAX_LENGTH,
            description = "Largest request accepted (default: ${DEFAULT-VALUE}).")
    private int maxLength;

    @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Close a client whose whole request has not arrived this long after it connected, "
                    + "however steadily it sends (default: ${DEFAULT-VALUE}).")
    private double requestTimeout;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Close a client that sends nothing for this long before its request is whole "
                    + "(default: ${DEFAULT-VALUE}).")
    private double idleTimeout;

    @Option(names = "--workers", paramLabel = "N",
            description = "Threads that transform requests over 4 KiB, off the event loops (default: the number of cores, here ${DEFAULT-VALUE}).")
    private int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--queue-length", paramLabel = "N", defaultValue = "" + TransformServer.DEFAULT_QUEUE_LENGTH,
            description = "Requests that may wait for a worker; one more is refused (default: ${DEFAULT-VALUE}).")
    private int queueLength;

    @Option(names = "--list", description = "List the transforms and exit.")
    private boolean list;

    TransformCommand(StopSignal stop) {
        this.stop = stop;
    }

    @Override
    public Integer call() throws InterruptedException {
        Transforms transforms = Transforms.standard();
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            for (Transform transform : transforms.all()) {
                out.printf("%-12s %s%n", transform.name(), transform.description());
            }
            return 0;
        }
        try {
            NetstringDecoder.checkMaxLength(maxLength);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--max-length " + e.getMessage());
        }
        atLeastOne("--workers", workers);
        atLeastOne("--queue-length", queueLength);
        TransformServer.Settings settings = new TransformServer.Settings(transforms, maxLength,
                Seconds.toDuration(spec.commandLine(), "--idle-timeout", idleTimeout, false),
                Seconds.toDuration(spec.commandLine(), "--request-timeout", requestTimeout, false),
                workers, queueLength, logging.verbosity());
        ServerLimits limits = limitOptions.limits();
        return ForegroundServer.run(listen.threads, transport.transport(),
                loops -> TransformServer.start(loops, listen.iface, listen.port, limits, settings),
                server -> "Serving transforms on " + server.address() + ".",
                out, stop);
    }

    private void atLeastOne(String option, int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, not " + value);
        }
    }
}
