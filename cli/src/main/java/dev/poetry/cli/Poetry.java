package dev.poetry.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

/** Entry point of the fat jar, and the one place a configured {@link CommandLine} is built. */
public final class Poetry {

    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> SUBCOMMANDS =
            List.of(ServeCommand.class, TransformCommand.class, GetCommand.class, ProxyCommand.class, TimelineCommand.class,
                    HelpCommand.class);
    /** The long-running commands: their JVM and library settings are for the steady state. */
    private static final Set<Class<?>> SERVERS = Set.of(ServeCommand.class, TransformCommand.class, ProxyCommand.class);

    private Poetry() {
    }

    public static void main(String[] args) {
        // Straight onto the file descriptors: every failed write is seen, none swallowed on the way.
        StandardStream stdout = new StandardStream("stdout", new FileOutputStream(FileDescriptor.out));
        StandardStream stderr = new StandardStream("stderr", new FileOutputStream(FileDescriptor.err));
        PrintWriter out = new BytesPrintWriter(stdout); // poems go out as bytes, unchanged
        PrintWriter err = new PrintWriter(stderr, true, StandardCharsets.UTF_8);
        ProcessProperties.setFor(namedSubcommand(args).map(SERVERS::contains).orElse(false));
        int exitCode = answeredWithoutCommandModel(args, out) ? 0
                : commandLineFor(args, out, err, StopSignal.fromOperatingSystem(), Interrupts.ofProcess(stdout, stderr)).execute(args);
        out.flush();
        err.flush();
        System.exit(exitStatus(exitCode, stdout, stderr, err));
    }

    /** A failed write to stdout or stderr fails the command, whatever it was (even --help). */
    private static int exitStatus(int exitCode, StandardStream stdout, StandardStream stderr, PrintWriter err) {
        for (StandardStream stream : new StandardStream[] {stdout, stderr}) {
            if (stream.failure().isPresent()) {
                if (!stream.brokenPipe()) {
                    err.println("poetry: " + stream.describeFailure());
                    err.flush();
                }
                return exitCode != 0 && exitCode != 1 ? exitCode : stream.exitStatus();
            }
        }
        return exitCode;
    }

    /**
     * Answers {@code poetry --version} (or {@code -V}) alone, byte for byte as picocli would, without
     * building the command model: that saves a third of the start-up of the shortest command.
     */
    static boolean answeredWithoutCommandModel(String[] args, PrintWriter out) {
        if (args.length != 1 || !(args[0].equals("--version") || args[0].equals("-V"))) {
            return false;
        }
        for (String line : new ManifestVersionProvider().getVersion()) {
            out.println(line);
        }
        out.flush();
        return true;
    }

    /**
     * The command line as {@code main} runs it, writing to {@code out} and {@code err}; servers
     * run until {@code stop} fires. Tests use this with their own writers and signal.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, StopSignal stop) {
        return commandLine(out, err, stop, Interrupts.none());
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, StopSignal stop, Interrupts interrupts) {
        return configured(SUBCOMMANDS, true, out, err, stop, interrupts);
    }

    /** {@link #commandLineFor(String[], PrintWriter, PrintWriter, StopSignal, Interrupts)} without interrupts, for tests. */
    static CommandLine commandLineFor(String[] args, PrintWriter out, PrintWriter err, StopSignal stop) {
        return commandLineFor(args, out, err, stop, Interrupts.none());
    }

    /**
     * The command line for {@code args}: when the first one names a subcommand, a model of that
     * subcommand alone, since building picocli's model of every command is most of a client's
     * start-up; otherwise (help, errors, completion) the whole one. Both print the same bytes.
     */
    static CommandLine commandLineFor(String[] args, PrintWriter out, PrintWriter err, StopSignal stop, Interrupts interrupts) {
        return namedSubcommand(args)
                .map(subcommand -> configured(List.of(subcommand), false, out, err, stop, interrupts))
                .orElseGet(() -> commandLine(out, err, stop, interrupts));
    }

    /** The subcommand the first argument names, if it names one (help aside, which lists them all). */
    private static Optional<Class<?>> namedSubcommand(String[] args) {
        if (args.length > 0) {
            for (Class<?> subcommand : SUBCOMMANDS) {
                if (subcommand != HelpCommand.class && nameByConvention(subcommand).equals(args[0])) {
                    return Optional.of(subcommand);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A subcommand's name from its class's (GetCommand is get), not from its annotation: parsing
     * the annotations of the commands before the one named cost every start. A test holds each
     * to its {@code @Command} name.
     */
    static String nameByConvention(Class<?> subcommand) {
        String simpleName = subcommand.getSimpleName();
        return simpleName.substring(0, simpleName.length() - "Command".length()).toLowerCase(Locale.ROOT);
    }

    /** The subcommands in the order help lists them: for tests. */
    static List<Class<?>> subcommands() {
        return SUBCOMMANDS;
    }

    private static CommandLine configured(List<Class<?>> subcommands, boolean withCompletion, PrintWriter out, PrintWriter err,
                                          StopSignal stop, Interrupts interrupts) {
        CommandLine commandLine = new CommandLine(new PoetryCommand(), new CommandFactory(stop, interrupts));
        for (Class<?> subcommand : subcommands) {
            commandLine.addSubcommand(subcommand);
        }
        if (withCompletion) {
            // Picocli's own subcommand, hidden: `source <(poetry generate-completion)` from the jar alone.
            CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
            commandLine.addSubcommand("generate-completion", completion);
            completion.getCommandSpec().usageMessage().hidden(true).header("Print a bash completion script for poetry.");
        }
        FailureHandler failures = new FailureHandler();
        // Set after every subcommand is added, since these settings reach the subcommands present.
        commandLine.setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true)
                .setExecutionExceptionHandler(failures)
                .setParameterExceptionHandler(failures);
        return commandLine;
    }

    /** Hands every command that wants one the process's stop signal or its interrupts. */
    private record CommandFactory(StopSignal stop, Interrupts interrupts) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (var constructor : type.getDeclaredConstructors()) {
                if (constructor.getParameterCount() != 1) {
                    continue;
                }
                Class<?> wanted = constructor.getParameterTypes()[0];
                if (wanted == StopSignal.class || wanted == Interrupts.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(wanted == StopSignal.class ? stop : interrupts));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
