package dev.poetry.cli;

import dev.poetry.cli.timeline.TimelineFile;
import dev.poetry.cli.timeline.TimelineRecorder;
import dev.poetry.cli.timeline.TimelineReporter;
import dev.poetry.cli.timeline.TimelineSvg;
import dev.poetry.cli.timeline.TimelineText;
import dev.poetry.client.ClientSettings;
import dev.poetry.client.ConnectionPermits;
import dev.poetry.client.get.ComposingStyle;
import dev.poetry.client.get.GetRequest;
import dev.poetry.client.get.GetStyle;
import dev.poetry.client.get.PartialFiles;
import dev.poetry.client.get.LineReporter;
import dev.poetry.client.get.LineStyle;
import dev.poetry.client.get.Plan;
import dev.poetry.client.get.PoemReporter;
import dev.poetry.client.get.PoemStyle;
import dev.poetry.client.get.RunUntil;
import dev.poetry.client.get.Tally;
import dev.poetry.client.get.Transformation;
import dev.poetry.net.Address;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
        header = "Download poems from many servers at once, in one of six styles.",
        mixinStandardHelpOptions = true,
        description = {
            "Poems go to stdout; failures and the closing 'Got N poems in S seconds' go",
            "to stderr.",
            "ADDRESS is PORT, HOST:PORT or [IPV6]:PORT; the host defaults to 127.0.0.1.",
        },
        footerHeading = "%nStyles:%n",
        footer = {
            "  list      start all, wait for all, print in the order given (default)",
            "  callback  a callback and an errback per download; print as each ends",
            "  inline    straight-line code per task on a lightweight thread: get,",
            "            try to transform, catch, print",
            "  blocking  one server after another, plain blocking sockets",
            "  process   the Erlang client: a lightweight thread per server, blocking",
            "            reads, poems mailed to a collector",
            "  lazy      the Haskell client: each poem a lazy stream of lines, printed",
            "            as 'TASK: line' the moment each line is complete",
            "Only list, callback and inline transform or take --first and --fail-fast;",
            "lazy prints text only.",
            "",
            "Examples:",
            "  poetry get 10001 10002 10003",
            "  poetry get --style blocking 10001 10002 10003",
            "  poetry get --transform-server 10010 --transform-name shout 10001 10002",
            "  poetry get --first 10001 10002 10003       # first poem wins",
            "  poetry get --fail-fast 10001 10002 10005   # stop at a failure",
            "  poetry get --timeline run.svg 10001 10002 10003",
            "  poetry get --timeline - --style process 10001 10002",
            "  poetry get --json localhost:10001 [::1]:10002",
            "",
            "Exits 0 when every poem arrived (with --first: when one did), 1 when any",
            "failed or stdout/stderr could not be written, 2 on a usage error, 130 or 143",
            "on SIGINT or SIGTERM, and 141 when the reader of its output has gone.",
        })
final class GetCommand implements Callable<Integer> {

    private static final int TEXT_TIMELINE_COLUMNS = 60;

    private final Interrupts interrupts;

    GetCommand(Interrupts interrupts) {
        this.interrupts = interrupts;
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private VerboseOption verbose;

    @Mixin
    private TransportOption transport;

    @Option(names = "--style", paramLabel = "STYLE", defaultValue = "list",
            description = "list, callback, inline, blocking, process or lazy (default: ${DEFAULT-VALUE}).")
    private GetStyle.Name style;

    @Option(names = "--transform-server", paramLabel = "ADDRESS", converter = AddressConverter.class,
            description = "Send each poem to this transform server.")
    private Address transformServer;

    @Option(names = "--transform-name", paramLabel = "NAME",
            description = "With --transform-server: the transform to ask for (default: cummingsify).")
    private String transformName;

    // The tutorial's spellings, kept so that older commands and scripts still work.
    @Option(names = "--transform", hidden = true, converter = AddressConverter.class)
    private Address legacyTransformServer;

    @Option(names = "--xform", hidden = true)
    private String legacyTransformName;

    @ArgGroup(exclusive = true)
    private Ending ending = new Ending();

    static final class Ending {
        @Option(names = "--first", description = "Print the first poem to arrive whole and cancel every other download.")
        boolean first;

        @Option(names = "--fail-fast", description = "At the first failure, cancel every download still running and exit 1.")
        boolean failFast;

        RunUntil until() {
            return first ? RunUntil.FIRST_POEM : failFast ? RunUntil.FIRST_FAILURE : RunUntil.EVERY_TASK_ENDS;
        }

        String option() {
            return first ? "--first" : "--fail-fast";
        }
    }

    @Option(names = "--timeline", paramLabel = "FILE",
            description = "Record when each chunk arrived: FILE.svg draws a picture, FILE.tsv keeps the data,"
                    + " - prints a text version on stderr.")
    private String timeline;

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
                description = "Stream each poem into DIR/task-N-HOST-PORT.txt instead of stdout; the "
                        + "name appears only once the poem is whole.")
        Path directory;

        @Option(names = "--json", description = "Print one JSON object per task instead of the poems.")
        boolean json;
    }

    @Parameters(paramLabel = "ADDRESS", arity = "1..*", parameterConsumer = AddressConverter.ListConsumer.class,
            description = "Poetry servers to download from; the same one may be given many times.")
    private List<Address> servers;

    @Override
    public Integer call() throws InterruptedException {
        Plan plan = plan();
        GetStyle chosen = style.create();
        // What a style can do is its type: only a composing style takes a plan, only the poem styles a poem output.
        if (!(chosen instanceof ComposingStyle)) {
            if (plan.transformation().isPresent()) {
                throw usage("--style " + style + " does not support --transform-server");
            }
            if (plan.until() != RunUntil.EVERY_TASK_ENDS) {
                throw usage("--style " + style + " does not support " + ending.option() + " (list, callback and inline do)");
            }
        }
        if (chosen instanceof LineStyle && (destination.json || destination.directory != null)) {
            throw usage("--style " + style + " prints lines; it cannot write --json or --output");
        }
        if (parallel != null && parallel < 1) {
            throw usage("--parallel must be at least 1, not " + parallel);
        }
        Optional<Path> timelineFile = timelineFile();
        Duration limit = Seconds.toDuration(spec.commandLine(), "--timeout", timeout, false);
        boolean streams = destination.directory != null && plan.transformation().isEmpty();
        ClientSettings settings = new ClientSettings(limit, limit, maxBytes != null ? maxBytes
                : streams ? ClientSettings.UNLIMITED : ClientSettings.DEFAULT_MAX_BYTES, Optional.ofNullable(maxTime)
                .map(seconds -> Seconds.toDuration(spec.commandLine(), "--max-time", seconds, false)));
        PartialFiles partialFiles = new PartialFiles();
        GetRequest request = new GetRequest(servers, settings, outputDirectory(), partialFiles,
                new ConnectionPermits(parallel != null ? parallel : ConnectionPermits.defaultLimit()), transport.transport());

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        // Everything the run says on stderr is written in order by a thread of its own: no loop waits for the reader.
        try (StderrQueue queue = new StderrQueue(stderr)) {
            return run(request, plan, chosen, out, queue, stderr, partialFiles, timelineFile);
        }
    }

    private int run(GetRequest request, Plan plan, GetStyle chosen, PrintWriter out, StderrQueue queue, PrintWriter stderr,
                    PartialFiles partialFiles, Optional<Path> timelineFile) throws InterruptedException {
        PrintWriter err = new PrintWriter(queue, true);
        // The text timeline is printed on stderr straight after the run, where a progress line would be.
        boolean progress = Terminal.canShowProgress() && !"-".equals(timeline);
        TimelineRecorder recorder = new TimelineRecorder();
        ConsoleReporter console;
        Tally tally;
        try {
            if (chosen instanceof LineStyle lines) {
                ConsoleLineReporter lineConsole = new ConsoleLineReporter(new PoemOutput.Text(out), err, queue::chatter,
                        verbose.verbose, progress);
                console = lineConsole;
                // The last words of an interruption go straight to stderr: the queue may be stuck behind a paused reader.
                interrupts.routeTo(new GetInterruption(partialFiles, console, servers.size(), stderr, Runtime.getRuntime()::halt));
                LineReporter reporter = timeline == null ? lineConsole : TimelineReporter.lines(lineConsole, recorder);
                tally = lines.run(request, reporter);
            } else {
                PoemOutput output = destination.json ? new PoemOutput.Json(out)
                        : destination.directory != null ? new PoemOutput.Directory(request, err)
                        : new PoemOutput.Text(out);
                console = new ConsoleReporter(output, err, queue::chatter, verbose.verbose, progress);
                interrupts.routeTo(new GetInterruption(partialFiles, console, servers.size(), stderr, Runtime.getRuntime()::halt));
                PoemReporter reporter = timeline == null ? console : TimelineReporter.poems(console, recorder);
                tally = chosen instanceof ComposingStyle composing ? composing.run(request, plan, reporter)
                        : ((PoemStyle) chosen).run(request, reporter);
            }
        } catch (Error e) {
            // Not one task's failure (out of memory, a class that failed to load): the run's, in one line.
            throw new CommandFailure("the run stopped: " + e);
        }
        out.flush();
        if (tally.cancelled() > 0) {
            console.note("Cancelled " + tally.cancelled() + " download" + (tally.cancelled() == 1 ? "" : "s") + " no longer needed");
        }
        if (timeline != null) {
            writeTimeline(recorder, timelineFile, err);
        }
        console.summary(tally.poems(), tally.failed());
        boolean succeeded = plan.until() == RunUntil.FIRST_POEM ? tally.poems() > 0 : tally.failed() == 0;
        return succeeded ? 0 : 1;
    }

    private Plan plan() {
        if (transformServer != null && legacyTransformServer != null) {
            throw usage("--transform is the old name of --transform-server: give one of them");
        }
        if (transformName != null && legacyTransformName != null) {
            throw usage("--xform is the old name of --transform-name: give one of them");
        }
        Address server = transformServer != null ? transformServer : legacyTransformServer;
        String name = transformName != null ? transformName : legacyTransformName;
        if (name != null && server == null) {
            throw usage("--transform-name needs --transform-server");
        }
        if (name != null && (name.isEmpty() || name.contains("."))) {
            throw usage("--transform-name '" + name + "' is not a transform name");
        }
        Optional<Transformation> transformation = Optional.ofNullable(server)
                .map(address -> new Transformation(address, name != null ? name : "cummingsify"));
        return new Plan(transformation, ending.until());
    }

    /** The file for --timeline FILE.svg or FILE.tsv; empty for {@code -} (text on stderr). */
    private Optional<Path> timelineFile() {
        if (timeline == null || timeline.equals("-")) {
            return Optional.empty();
        }
        if (!timeline.endsWith(".svg") && !timeline.endsWith(".tsv")) {
            throw usage("--timeline takes FILE.svg (a picture), FILE.tsv (the data) or - (text on stderr), not '" + timeline + "'");
        }
        return Optional.of(Path.of(timeline));
    }

    private void writeTimeline(TimelineRecorder recorder, Optional<Path> file, PrintWriter err) {
        String label = "poetry get --style " + style;
        if (file.isEmpty()) {
            err.print(TimelineText.render(recorder.timeline(label, true), TEXT_TIMELINE_COLUMNS));
            err.flush();
            return;
        }
        try {
            if (file.get().toString().endsWith(".tsv")) {
                TimelineFile.write(recorder.timeline(label, true), file.get());
            } else {
                Files.writeString(file.get(), TimelineSvg.render(List.of(recorder.timeline(label, true))), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new CommandFailure("cannot write --timeline " + file.get() + ": " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
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
