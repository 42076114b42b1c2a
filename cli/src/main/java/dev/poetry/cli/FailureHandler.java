package dev.poetry.cli;

import dev.poetry.server.ServerStartException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on stderr and an exit code: 2 for usage errors, 1 for everything
 * else. Only an unexpected failure under {@code --verbose} prints a stack trace.
 */
final class FailureHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        String message = String.valueOf(e.getMessage()).replaceFirst("^Error: ", "");
        command.getErr().println(name + ": " + message + " (see '" + name + " --help')");
        return command.getCommandSpec().exitCodeOnInvalidInput();
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
