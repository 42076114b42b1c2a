package dev.poetry.cli;

import dev.poetry.server.ServerStartException;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns failures into one line on stderr and an exit code: 2 for usage errors, 1 for everything
 * else. Only an unexpected failure under {@code --verbose} prints a stack trace.
 */
final class FailureHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        PrintWriter err = command.getErr();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            err.println(name + ": " + unknownWord(unmatched) + " (see '" + name + " --help')");
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                String prefix = unmatched.isUnknownOption() ? "" : name + " ";
                err.println("Did you mean: " + suggestions.stream().map(s -> prefix + s).collect(Collectors.joining(" or ")) + "?");
            }
        } else {
            String message = String.valueOf(e.getMessage()).replaceFirst("^Error: ", "");
            err.println(name + ": " + message + " (see '" + name + " --help')");
        }
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The first word nobody expected, said as what it looks like. */
    private static String unknownWord(UnmatchedArgumentException unmatched) {
        String word = unmatched.getUnmatched().get(0);
        if (unmatched.isUnknownOption()) {
            return "unknown option '" + word + "'";
        }
        boolean takesCommands = !unmatched.getCommandLine().getSubcommands().isEmpty();
        return (takesCommands ? "unknown command '" : "unexpected argument '") + word + "'";
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        if (e instanceof CommandFailure || e instanceof ServerStartException) {
            err.println(name + ": " + e.getMessage());
        } else {
            err.println(name + ": unexpected error: " + e);
            if (parsed.hasMatchedOption("--verbose")) {
                e.printStackTrace(err);
            } else {
                err.println("(run again with --verbose for the stack trace)");
            }
        }
        return 1;
    }
}
