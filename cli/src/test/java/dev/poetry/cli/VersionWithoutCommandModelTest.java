package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionWithoutCommandModelTest {

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void printsWhatPicocliPrintsByteForByte(String option) {
        StringWriter quick = new StringWriter();
        assertTrue(Poetry.answeredWithoutCommandModel(new String[] {option}, new PrintWriter(quick)));
        CapturedRun picocli = new CapturedRun();
        assertEquals(0, picocli.execute(option));
        assertEquals(picocli.out.toString(), quick.toString());
    }

    @Test
    void leavesEverythingElseToTheCommandModel() {
        StringWriter out = new StringWriter();
        for (String[] args : new String[][] {{}, {"--help"}, {"--version", "extra"}, {"get", "--version"}, {"serve", "-V"}}) {
            assertFalse(Poetry.answeredWithoutCommandModel(args, new PrintWriter(out)), String.join(" ", args));
        }
        assertEquals("", out.toString());
    }
}
