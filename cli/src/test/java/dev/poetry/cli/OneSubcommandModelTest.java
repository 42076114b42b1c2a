package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** main builds the model of the named subcommand alone; nobody may see the difference. */
class OneSubcommandModelTest {

    private record Printed(int exitCode, String out, String err) {
    }

    private static Printed run(boolean whole, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        int code = (whole ? Poetry.commandLine(o, e, new StopSignal()) : Poetry.commandLineFor(args, o, e, new StopSignal()))
                .execute(args);
        return new Printed(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "serve --help", "transform --help", "get --help", "proxy --help", "get -V",
        "get", "get --bogus 1", "get --style nonsense 1", "serve", "serve --port 70000 poem.txt",
        "transform --list", "transform --max-length -1", "proxy", "get --transport nowhere 1",
        "get --xform shout 1", "timeline --help", "--help", "help get", "recite", "",
    })
    void printsWhatTheWholeModelPrints(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        assertEquals(run(true, args), run(false, args), line);
    }

    @Test
    void everySubcommandIsNamedAsItsClassSays() {
        for (Class<?> subcommand : Poetry.subcommands()) {
            if (subcommand != CommandLine.HelpCommand.class) {
                assertEquals(subcommand.getAnnotation(CommandLine.Command.class).name(), Poetry.nameByConvention(subcommand));
            }
        }
    }
}
