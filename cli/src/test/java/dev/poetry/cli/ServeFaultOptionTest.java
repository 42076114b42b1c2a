package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.testing.Loopback;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServeFaultOptionTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "serve --fault bogus poem.txt",
        "serve --fault reset-after poem.txt",
        "serve --fault reset-after=ten poem.txt",
        "serve --fault close-after=0 poem.txt",
        "serve --fault drip=0 poem.txt",
        "serve --fault drip=soon poem.txt",
        "serve --fault endless=3 poem.txt",
        "serve --slow --fault endless poem.txt",
        "serve --slow --fault drip=0.5 poem.txt",
    })
    void aFaultThatCannotBeIsAUsageError(String args) {
        CapturedRun run = new CapturedRun();
        assertEquals(2, run.execute(args.split(" ")), run.err.toString());
        assertEquals(1, run.err.toString().lines().count(), run.err.toString());
        assertTrue(run.err.toString().startsWith("poetry serve: "), run.err.toString());
    }

    @Test
    void closeAfterTakesASizeWithASuffixAndEndsThePoemCleanlyThere() throws Exception {
        Path poem = Loopback.poem("ecstasy.txt");
        CapturedRun run = new CapturedRun();
        CompletableFuture<Integer> serving = run.start("serve", "--fault", "close-after=1K", "--iface", "127.0.0.1", poem.toString());
        try {
            int port = port(run.out.firstLine.get(10, TimeUnit.SECONDS));
            assertArrayEquals(Arrays.copyOf(Files.readAllBytes(poem), 1024), Loopback.readAll(port));
        } finally {
            run.stop.stop();
            assertEquals(0, serving.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void resetAfterWithSlowSendsAtThePaceThenResets() throws Exception {
        CapturedRun run = new CapturedRun();
        CompletableFuture<Integer> serving = run.start("serve", "--slow", "--num-bytes", "100", "--delay", "0.01",
                "--fault", "reset-after=250", "--iface", "127.0.0.1", Loopback.poem("ecstasy.txt").toString());
        try (Socket client = Loopback.connect(port(run.out.firstLine.get(10, TimeUnit.SECONDS)))) {
            assertEquals(100, client.getInputStream().read(new byte[1000]), "the first chunk alone");
            assertThrows(SocketException.class, () -> Loopback.readToEnd(client.getInputStream()));
        } finally {
            run.stop.stop();
            assertEquals(0, serving.get(10, TimeUnit.SECONDS));
        }
    }

    private static int port(String servingLine) {
        Matcher m = Pattern.compile("Serving .+ on 127\\.0\\.0\\.1:(\\d+)\\.").matcher(servingLine);
        assertTrue(m.matches(), servingLine);
        return Integer.parseInt(m.group(1));
    }
}
