package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.testing.Loopback;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fat jar as users run it: a separate JVM, real signals, the manifest's version. */
class PoetryJarIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void versionComesFromTheManifest() throws Exception {
        PoetryProcess.Finished version;
        try (PoetryProcess process = PoetryProcess.start("--version")) {
            version = process.finish(BOUND, "ended");
        }
        String out = version.out().strip();
        assertTrue(out.matches("poetry \\d+\\.\\d+\\.\\d+.*"), out);
        assertEquals(0, version.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"native if available", "-Dio.netty.transport.noNative=true"})
    void servesAndExitsZeroOnSigterm(String jvmOption) throws Exception {
        Path poem = Loopback.poem("ecstasy.txt");
        List<String> options = jvmOption.startsWith("-D") ? List.of(jvmOption) : List.of();
        List<String> serve = PoetryProcess.command(List.of(), options, "serve", "--iface", "127.0.0.1", poem.toString());
        try (PoetryProcess server = PoetryProcess.start(serve)) {
            int port = server.awaitPort("Serving .+", BOUND);
            assertArrayEquals(Files.readAllBytes(poem), Loopback.readAll(port));
            server.process().toHandle().destroy(); // SIGTERM, leaving our end of the pipes open
            assertEquals(null, server.nextOutLine(BOUND), "nothing after the Serving line on stdout, then EOF at exit");
            assertEquals(0, server.exitCode(Duration.ofSeconds(15), "stopped after SIGTERM"));
        }
    }

    @Test
    void aClientIsEndedBySigtermLikeAnyCommand() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            try (PoetryProcess client = PoetryProcess.start("get", String.valueOf(silent.getLocalPort()));
                    Socket accepted = silent.accept()) {
                client.process().toHandle().destroy(); // SIGTERM while it waits for a poem
                assertEquals(143, client.exitCode(Duration.ofSeconds(15), "poetry get ended on SIGTERM"));
            }
        }
    }

    @Test
    void everyNettyVersionKeyAppearsOnceEvenAfterABuildWithoutClean() throws Exception {
        try (JarFile jar = new JarFile(PoetryProcess.JAR.toFile())) {
            String versions = new String(jar.getInputStream(jar.getEntry("META-INF/io.netty.versions.properties")).readAllBytes(),
                    StandardCharsets.ISO_8859_1);
            List<String> keys = versions.lines().filter(line -> line.contains("=")).map(line -> line.substring(0, line.indexOf('='))).toList();
            assertTrue(keys.contains("netty-common.version"), versions);
            assertEquals(keys.size(), Set.copyOf(keys).size(), "a key twice: the fat jar was shaded again");
        }
    }

    @Test
    void aMissingFileIsOneLineAndExitOne() throws Exception {
        PoetryProcess.Finished serve;
        try (PoetryProcess process = PoetryProcess.start("serve", "no-such-poem.txt")) {
            serve = process.finish(BOUND, "ended");
        }
        assertEquals("poetry serve: no such file: no-such-poem.txt", serve.err().strip());
        assertEquals(1, serve.exitCode());
    }
}
