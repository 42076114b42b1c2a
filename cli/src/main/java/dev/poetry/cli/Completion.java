package dev.poetry.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;

/**
 * Writes the bash completion script for {@code poetry}, generated from the same picocli model
 * the command runs on. The build calls this; the script ships beside the jar.
 */
public final class Completion {

    private Completion() {
    }

    public static String script() {
        PrintWriter discard = new PrintWriter(new StringWriter());
        return AutoComplete.bash("poetry", Poetry.commandLine(discard, discard, new StopSignal()));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Completion OUTPUT_FILE");
        }
        Path output = Path.of(args[0]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, script());
    }
}
