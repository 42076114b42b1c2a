package dev.poetry.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.AutoComplete;
import picocli.CommandLine;

/** Entry point of the fat jar, and the one place a configured {@link CommandLine} is built. */
public final class Poetry {

    private Poetry() {
    }

    public static void main(String[] args) {
        // Straight onto the file descriptors: every failed write is seen, none swallowed on the way.
        StandardStream stdout = new StandardStream("stdout", new FileOutputStream(FileDescriptor.out));
        StandardStream stderr = new StandardStream("stderr", new FileOutputStream(FileDescriptor.err));
        PrintWriter out = new PrintWriter(stdout, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(stderr, true, StandardCharsets.UTF_8);
        int exitCode = commandLine(out, err, StopSignal.fromOperatingSystem(), Interrupts.ofProcess(stdout, stderr)).execute(args);
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
     * The command line as {@code main} runs it, writing to {@code out} and {@code err}; servers
     * run until {@code stop} fires. Tests use this with their own writers and signal.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, StopSignal stop) {
        return commandLine(out, err, stop, Interrupts.none());
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, StopSignal stop, Interrupts interrupts) {
        CommandLine commandLine = new CommandLine(new PoetryCommand(), new CommandFactory(stop, interrupts));
        // Picocli's own subcommand, hidden: `source <(poetry generate-completion)` from the jar alone.
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        commandLine.addSubcommand("generate-completion", completion);
        completion.getCommandSpec().usageMessage().hidden(true).header("Print a bash completion script for poetry.");
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
