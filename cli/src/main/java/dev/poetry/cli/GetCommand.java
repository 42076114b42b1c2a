package dev.poetry.cli;

import dev.poetry.client.ClientSettings;
import dev.poetry.client.ConnectionPermits;
import dev.poetry.client.get.GetRequest;
import dev.poetry.client.get.GetStyle;
import dev.poetry.protocol.Address;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code poetry get}: the tutorial's poetry clients, one style per client. */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = {
            "Download poems from many servers at once and print them. Poems go to stdout;",
            "failures and the closing 'Got N poems in S seconds' go to stderr.",
            "ADDRESS is PORT, HOST:PORT or [IPV6]:PORT; the host defaults to 127.0.0.1.",
        },
        footerHeading = "%nStyles:%n",
        footer = {
            "  list      start all, wait for all, print in the order given (default)",
            "  callback  a callback and an errback per download; print as each ends",
            "  inline    one composed future per task, read top to bottom",
            "  blocking  one server after another, plain blocking sockets",
            "  process   the Erlang client: a lightweight thread per server, blocking",
            "            reads, poems mailed to a collector",
            "  lazy      the Haskell client: each poem a lazy stream of lines, printed",
            "            as 'TASK: line' the moment each line is complete",
            "Only list, callback and inline transform; lazy prints text only.",
            "",
            "Examples:",
            "  poetry get 10001 10002 10003",
            "  poetry get --style blocking 10001 10002 10003",
            "  poetry get --transform 10010 --xform shout 10001 10002",
            "  poetry get --json localhost:10001 [::1]:10002",
            "",
            "Exits 0 when every poem arrived, 1 when any failed, 2 on a usage error.",
        })
final class GetCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private VerboseOption verbose;

    @Option(names = "--style", paramLabel = "STYLE", defaultValue = "list",
            description = "list, callback, inline, blocking, process or lazy (default: ${DEFAULT-VALUE}).")
    private GetStyle.Name style;

    @Option(names = "--transform", paramLabel = "ADDRESS", converter = AddressConverter.class,
            description = "Send each poem to this transform server.")
    private Address transformServer;

    @Option(names = "--xform", paramLabel = "NAME",
            description = "With --transform: the transform to ask for (default: cummingsify).")
    private String xform;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Connect and idle bound: fail a task whose name lookup and connection take this long, "
                    + "or whose server then sends nothing for this long (default: ${DEFAULT-VALUE}).")
    private double timeout;

    @Option(names = "--max-time", paramLabel = "SECONDS",
            description = "Fail a task whose whole download takes longer than this, however steadily it sends (default: none).")
    private Double maxTime;

    @Option(names = "--max-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Fail a task whose poem is longer than this; K, M, G accepted "
                    + "(default: 64M; none with --output, which streams to disk).")
    private Long maxBytes;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Open at most N connections at once and queue the rest (default: what ulimit -n allows, less 32).")
    private Integer parallel;

    @ArgGroup(exclusive = true)
    private Destination destination = new Destination();

    static final class Destination {
        @Option(names = "--output", paramLabel = "DIR",
                description = "Stream each poem into DIR/task-N-HOST-PORT.txt instead of stdout.")
        Path directory;

        @Option(names = "--json", description = "Print one JSON object per task instead of the poems.")
        boolean json;
    }

    @Parameters(paramLabel = "ADDRESS", arity = "1..*", parameterConsumer = AddressConverter.ListConsumer.class,
            description = "Poetry servers to download from; the same one may be given many times.")
    private List<Address> servers;

    @Override
    public Integer call() throws InterruptedException {
        if (xform != null && transformServer == null) {
            throw new ParameterException(spec.commandLine(), "--xform needs --transform");
        }
        if (transformServer != null && !style.transforms()) {
            throw new ParameterException(spec.commandLine(), "--style " + style + " does not support --transform");
        }
        if (!style.deliversWholePoems() && (destination.json || destination.directory != null)) {
            throw new ParameterException(spec.commandLine(), "--style " + style + " prints lines; it cannot write --json or --output");
        }
        if (xform != null && (xform.isEmpty() || xform.contains("."))) {
            throw new ParameterException(spec.commandLine(), "--xform '" + xform + "' is not a transform name");
        }
        if (parallel != null && parallel < 1) {
            throw new ParameterException(spec.commandLine(), "--parallel must be at least 1, not " + parallel);
        }
        Duration limit = Seconds.toDuration(spec.commandLine(), "--timeout", timeout, false);
        boolean streams = destination.directory != null && transformServer == null;
        ClientSettings settings = new ClientSettings(limit, limit, maxBytes != null ? maxBytes
                : streams ? ClientSettings.UNLIMITED : ClientSettings.DEFAULT_MAX_BYTES, Optional.ofNullable(maxTime)
                .map(seconds -> Seconds.toDuration(spec.commandLine(), "--max-time", seconds, false)));
        GetRequest request = new GetRequest(servers, Optional.ofNullable(transformServer), xform != null ? xform : "cummingsify",
                settings, outputDirectory(), new ConnectionPermits(parallel != null ? parallel : ConnectionPermits.defaultLimit()));

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PoemOutput output = destination.json ? new PoemOutput.Json(out)
                : destination.directory != null ? new PoemOutput.Directory(request, err)
                : new PoemOutput.Text(out);
        ConsoleReporter reporter = new ConsoleReporter(output, err, verbose.verbose, Terminal.isStderrATerminal());
        int failures = style.create().run(request, reporter);
        out.flush();
        reporter.summary(servers.size() - failures, failures);
        return failures == 0 ? 0 : 1;
    }

    private Optional<Path> outputDirectory() {
        if (destination.directory == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.createDirectories(destination.directory));
        } catch (IOException e) {
            throw new CommandFailure("cannot use --output " + destination.directory + ": " + e.getMessage());
        }
    }
}
