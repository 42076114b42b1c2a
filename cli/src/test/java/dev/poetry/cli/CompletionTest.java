package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionTest {

    @Test
    void completesEverySubcommandAndItsOptions() {
        String script = Completion.script();
        for (String word : new String[] {"serve", "transform", "get", "proxy", "--slow", "--num-bytes", "--style",
            "--transform-name", "--first", "--timeline", "--ttl", "--max-length", "complete -F _complete_poetry"}) {
            assertTrue(script.contains(word), word + " missing");
        }
    }

    @Test
    void isValidBash(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("poetry_completion");
        Completion.main(new String[] {file.toString()});
        Process check = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes());
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), out);
        assertTrue(Files.size(file) > 1000);
    }
}
