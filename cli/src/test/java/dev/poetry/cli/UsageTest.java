package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** What a user reads: versions, summaries, typos, completion, and when a progress line is drawn. */
class UsageTest {

    @ParameterizedTest
    @ValueSource(strings = {"-V", "--version", "serve --version", "transform -V", "get -V", "proxy --version"})
    void everyCommandAnswersTheVersionOptionItAdvertises(String args) {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.execute(args.split(" ")), run.err.toString());
        assertTrue(run.out.toString().startsWith("poetry "), "'" + run.out + "'");
    }

    @Test
    void everySummaryInTheCommandListIsOneWholeSentence() {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.execute("--help"));
        String help = run.out.toString();
        List<String> commands = help.lines()
                .dropWhile(line -> !line.equals("Commands:")).skip(1)
                .takeWhile(line -> !line.isBlank()).toList();
        assertEquals(5, commands.size(), help);
        for (String line : commands) {
            assertTrue(line.matches("  [a-z]+ +[A-Z].*\\."), "not one whole sentence: '" + line + "'");
        }
        assertFalse(help.contains("generate-completion"), "hidden");
    }

    @Test
    void aMistypedCommandIsNamedWithASuggestion() {
        CapturedRun run = new CapturedRun();
        assertEquals(2, run.execute("gett", "10001"));
        assertEquals("poetry: unknown command 'gett' (see 'poetry --help')\nDid you mean: poetry get?\n",
                run.err.toString().replace(System.lineSeparator(), "\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"get --styel list 10001", "get 10001 --styel list"})
    void aMistypedOptionIsNamedWithASuggestionNotTheValueAfterIt(String args) {
        CapturedRun run = new CapturedRun();
        assertEquals(2, run.execute(args.split(" ")));
        assertEquals("poetry get: unknown option '--styel' (see 'poetry get --help')\nDid you mean: --style?\n",
                run.err.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void helpUsesTheTerminalsWidth() {
        StringWriter sink = new StringWriter();
        CommandLine commandLine = Poetry.commandLine(new PrintWriter(sink), new PrintWriter(sink), new StopSignal());
        assertTrue(commandLine.isUsageHelpAutoWidth());
        commandLine.getSubcommands().values().forEach(sub -> assertTrue(sub.isUsageHelpAutoWidth(), sub.getCommandName()));
    }

    @Test
    void theJarPrintsItsOwnCompletionScript() {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.execute("generate-completion"));
        assertTrue(run.out.toString().contains("complete -F _complete_poetry"), run.out.toString());
        assertTrue(run.out.toString().contains("--style"));
    }

    @Test
    void noProgressLineWithoutATermThatMovesTheCursor() {
        assertFalse(Terminal.understandsEscapes(null));
        assertFalse(Terminal.understandsEscapes(""));
        assertFalse(Terminal.understandsEscapes("dumb"));
        assertTrue(Terminal.understandsEscapes("xterm-256color"));
    }
}
