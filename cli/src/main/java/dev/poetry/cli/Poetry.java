package dev.poetry.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

/** Entry point of the fat jar, and the one place a configured {@link CommandLine} is built. */
public final class Poetry {

    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> SUBCOMMANDS =
            List.of(ServeCommand.class, TransformCommand.class, GetCommand.class, ProxyCommand.class, TimelineCommand.class,
                    HelpCommand.class);

    private Poetry() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        if (answeredWithoutCommandModel(args, out)) {
            System.exit(0);
        }
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int exitCode = commandLineFor(args, out, err, StopSignal.fromOperatingSystem()).execute(args);
        out.flush();
        err.flush();
        System.exit(exitCode);
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
        return configured(SUBCOMMANDS, out, err, stop);
    }

    /**
     * The command line for {@code args}: when the first one names a subcommand, a model of that
     * subcommand alone, since building picocli's model of every command is most of a client's
     * start-up; otherwise (help, errors, completion) the whole one. Both print the same bytes.
     */
    static CommandLine commandLineFor(String[] args, PrintWriter out, PrintWriter err, StopSignal stop) {
        if (args.length > 0) {
            for (Class<?> subcommand : SUBCOMMANDS) {
                CommandLine.Command command = subcommand.getAnnotation(CommandLine.Command.class);
                if (subcommand != HelpCommand.class && command.name().equals(args[0])) {
                    return configured(List.of(subcommand), out, err, stop);
                }
            }
        }
        return commandLine(out, err, stop);
    }

    private static CommandLine configured(List<Class<?>> subcommands, PrintWriter out, PrintWriter err, StopSignal stop) {
        FailureHandler failures = new FailureHandler();
        CommandLine commandLine = new CommandLine(new PoetryCommand(), new CommandFactory(stop));
        for (Class<?> subcommand : subcommands) {
            commandLine.addSubcommand(subcommand);
        }
        // Settings come after the subcommands: picocli passes them only to those already added.
        return commandLine
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(failures)
                .setParameterExceptionHandler(failures);
    }

    /** Hands every command that wants one the process's stop signal. */
    private record CommandFactory(StopSignal stop) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (var constructor : type.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == StopSignal.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(stop));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
