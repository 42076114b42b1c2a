package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import dev.poetry.server.fast.FastPoetryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code poetry get} under {@code prlimit --nofile=40:40}: 60 addresses queue for descriptors instead of failing. */
class DescriptorLimitIT {

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
    void sixtyAddressesAllArriveUnderFortyDescriptors(String style) throws Exception {
        Path prlimit = Path.of("/usr/bin/prlimit");
        assumeTrue(Files.isExecutable(prlimit), "prlimit is not installed");
        List<String> args = new ArrayList<>(List.of("get", "--style", style));
        for (int i = 0; i < 60; i++) {
            args.add(String.valueOf(server.port()));
        }
        PoetryProcess.Finished get;
        try (PoetryProcess run = PoetryProcess.start(
                PoetryProcess.command(List.of(prlimit.toString(), "--nofile=40:40"), List.of(), args.toArray(String[]::new)))) {
            get = run.finish(Duration.ofSeconds(90), "poetry get ended");
        }
        String stderr = get.err();
        assertEquals(0, get.exitCode(), stderr);
        String stdout = get.out();
        assertEquals(60, stdout.split(POEM, -1).length - 1, "poems on stdout; stderr: " + stderr);
    }
}
