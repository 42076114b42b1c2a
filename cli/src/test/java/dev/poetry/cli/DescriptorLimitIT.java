package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.poetry.protocol.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import dev.poetry.server.fast.FastPoetryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code poetry get} under {@code prlimit --nofile=40:40}: 60 addresses queue for descriptors instead of failing. */
class DescriptorLimitIT {

    private static final Path JAR = Path.of(System.getProperty("poetry.jar", "target/poetry.jar"));
    private static final String POEM = "One line of a poem that arrives whole.\n";

    private static EventLoops loops;
    private static RunningServer server;

    @BeforeAll
    static void start() {
        loops = EventLoops.create(1);
        server = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(POEM.getBytes(StandardCharsets.US_ASCII)),
                ServerLimits.DEFAULT, Verbosity.QUIET);
    }

    @AfterAll
    static void stop() {
        server.close();
        loops.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "process", "blocking"})
    void sixtyAddressesAllArriveUnderFortyDescriptors(String style, @TempDir Path dir) throws Exception {
        Path prlimit = Path.of("/usr/bin/prlimit");
        assumeTrue(Files.isExecutable(prlimit), "prlimit is not installed");
        List<String> command = new ArrayList<>(List.of(prlimit.toString(), "--nofile=40:40",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(), "get", "--style", style));
        for (int i = 0; i < 60; i++) {
            command.add(String.valueOf(server.port()));
        }
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process get = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(get.waitFor(90, TimeUnit.SECONDS), "poetry get ended");
        } finally {
            get.destroyForcibly();
        }
        String stderr = Files.readString(err);
        assertEquals(0, get.exitValue(), stderr);
        String stdout = Files.readString(out);
        assertEquals(60, stdout.split(POEM, -1).length - 1, "poems on stdout; stderr: " + stderr);
    }
}
