package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.testing.Loopback;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fat jar as users run it: a separate JVM, real signals, the manifest's version. */
class PoetryJarIT {

    private static final Path JAR = Path.of(System.getProperty("poetry.jar", "target/poetry.jar"));

    private static Process launch(List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    }

    @Test
    void versionComesFromTheManifest() throws Exception {
        Process process = launch(List.of(), "--version");
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(out.matches("poetry \\d+\\.\\d+\\.\\d+.*"), out);
        assertEquals(0, process.exitValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"native if available", "-Dio.netty.transport.noNative=true"})
    void servesAndExitsZeroOnSigterm(String jvmOption) throws Exception {
        Path poem = Loopback.poem("ecstasy.txt");
        List<String> options = jvmOption.startsWith("-D") ? List.of(jvmOption) : List.of();
        Process server = launch(options, "serve", "--iface", "127.0.0.1", poem.toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher m = Pattern.compile("Serving .+ on 127\\.0\\.0\\.1:(\\d+)\\.").matcher(String.valueOf(line));
            assertTrue(m.matches(), "start-up line: " + line);
            assertArrayEquals(Files.readAllBytes(poem), Loopback.readAll(Integer.parseInt(m.group(1))));
            server.toHandle().destroy(); // SIGTERM, leaving our end of the pipes open
            assertEquals(null, out.readLine(), "nothing after the Serving line on stdout, then EOF at exit");
            assertTrue(server.waitFor(15, TimeUnit.SECONDS), "stopped after SIGTERM");
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void aClientIsEndedBySigtermLikeAnyCommand() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process client = launch(List.of(), "get", String.valueOf(silent.getLocalPort()));
            try (Socket accepted = silent.accept()) {
                client.toHandle().destroy(); // SIGTERM while it waits for a poem
                assertTrue(client.waitFor(15, TimeUnit.SECONDS), "poetry get ended on SIGTERM");
                assertEquals(143, client.exitValue());
            } finally {
                client.destroyForcibly();
            }
        }
    }

    @Test
    void everyNettyVersionKeyAppearsOnceEvenAfterABuildWithoutClean() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            String versions = new String(jar.getInputStream(jar.getEntry("META-INF/io.netty.versions.properties")).readAllBytes(),
                    StandardCharsets.ISO_8859_1);
            List<String> keys = versions.lines().filter(line -> line.contains("=")).map(line -> line.substring(0, line.indexOf('='))).toList();
            assertTrue(keys.contains("netty-common.version"), versions);
            assertEquals(keys.size(), Set.copyOf(keys).size(), "a key twice: the fat jar was shaded again");
        }
    }

    @Test
    void aMissingFileIsOneLineAndExitOne() throws Exception {
        Process process = launch(List.of(), "serve", "no-such-poem.txt");
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("poetry serve: no such file: no-such-poem.txt", err.strip());
        assertEquals(1, process.exitValue());
    }
}
