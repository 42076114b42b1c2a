package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.testing.Loopback;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/poetry's JVM block: the class archive it builds and uses must never show. Each check
 * runs a copy of the launcher and jar in a directory of its own, so archives built here touch
 * nothing else.
 */
class LauncherIT {

    private static final Path JAR = Path.of(System.getProperty("poetry.jar", "target/poetry.jar")).toAbsolutePath();
    private static final Path LAUNCHER = Path.of("..", "scripts", "poetry").toAbsolutePath().normalize();

    /** What a person sees of one run. */
    private record Seen(int exitCode, String out, String err) {
    }

    private static Seen run(Path root, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("scripts/poetry").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("POETRY_JAVA_OPTS");
        builder.environment().putAll(env);
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", args) + " finished");
        return new Seen(process.exitValue(), Files.readString(out), Files.readString(err)
                .replaceAll("in [0-9.]+ seconds", "in S seconds"));
    }

    private static Path copyOfTheProgram(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("scripts"));
        Files.createDirectories(dir.resolve("cli/target"));
        Files.copy(LAUNCHER, dir.resolve("scripts/poetry"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(JAR, dir.resolve("cli/target/poetry.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        return dir;
    }

    private static List<Path> archives(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("cli/target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    /** The same commands, as each would be seen: a fetched poem, a list, the version, two failures. */
    private static Map<String, Seen> everyKindOfRun(Path root, Map<String, String> env, int poemPort) throws Exception {
        Map<String, Seen> seen = new LinkedHashMap<>();
        seen.put("get", run(root, env, "get", String.valueOf(poemPort)));
        seen.put("--version", run(root, env, "--version"));
        seen.put("transform --list", run(root, env, "transform", "--list"));
        seen.put("usage error", run(root, env, "get", "--no-such-option", "1"));
        seen.put("missing poem", run(root, env, "serve", "--iface", "127.0.0.1", root.resolve("absent.txt").toString()));
        return seen;
    }

    @Test
    void aMissingAGoodAndAStaleArchiveChangeNoByteOfWhatIsPrinted(@TempDir Path dir) throws Exception {
        Path root = copyOfTheProgram(dir);
        byte[] poem = Files.readAllBytes(Loopback.poem("science.txt"));
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread poet = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                        out.write(poem);
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "test-poet");
            poet.setDaemon(true);
            poet.start();

            Map<String, Seen> without = everyKindOfRun(root, Map.of("POETRY_ARCHIVE", "off"), server.getLocalPort());
            assertEquals(new String(poem, StandardCharsets.UTF_8), without.get("get").out());
            assertEquals(List.of(), archives(root));

            run(root, Map.of("POETRY_ARCHIVE", "now"), "--version");
            List<Path> built = archives(root);
            assertEquals(1, built.size(), "one archive, for this jar and JDK: " + built);
            Map<String, Seen> good = everyKindOfRun(root, Map.of(), server.getLocalPort());
            assertEquals(without, good);

            // A lock file as a builder holds it: the launcher must not start rebuilding mid-test.
            String name = built.get(0).getFileName().toString();
            Files.createFile(built.get(0).resolveSibling(name.substring(0, name.lastIndexOf('-')) + ".lock"));
            byte[] archive = Files.readAllBytes(built.get(0));
            Files.write(built.get(0), java.util.Arrays.copyOf(archive, archive.length / 2));
            assertEquals(without, everyKindOfRun(root, Map.of(), server.getLocalPort()), "truncated archive");
            Files.write(built.get(0), "not an archive".getBytes(StandardCharsets.US_ASCII));
            assertEquals(without, everyKindOfRun(root, Map.of(), server.getLocalPort()), "garbage archive");
        }
    }

    @Test
    void aNamedTransportThatCannotRunHereIsAUsageErrorAndAutoFallsBackSilently(@TempDir Path dir) throws Exception {
        Path root = copyOfTheProgram(dir);
        Map<String, String> noNative = Map.of("POETRY_ARCHIVE", "off", "POETRY_JAVA_OPTS", "-Dio.netty.transport.noNative=true");
        for (String transport : new String[] {"epoll", "io_uring"}) {
            Seen refused = run(root, noNative, "get", "--transport", transport, "1");
            assertEquals(2, refused.exitCode(), refused.toString());
            assertTrue(refused.err().startsWith("poetry get: --transport " + transport + " is not available here: "), refused.err());
            assertEquals("", refused.out());
        }
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread poet = new Thread(() -> {
                try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                    out.write("verse\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closed) {
                    // the test has ended
                }
            }, "test-poet");
            poet.setDaemon(true);
            poet.start();
            Seen fallback = run(root, noNative, "get", "--transport", "auto", String.valueOf(server.getLocalPort()));
            assertEquals(new Seen(0, "verse\n", "Got 1 poem in S seconds\n"), fallback);
        }
    }

    @Test
    void nettysNativeLibraryIsLoadedFromBesideTheJarNotCopiedOut(@TempDir Path dir) throws Exception {
        Path root = copyOfTheProgram(dir);
        // Netty's place for copying its library out of the jar is a file here, so no copy can be made.
        Path noPlace = Files.writeString(dir.resolve("not-a-directory"), "");
        Map<String, String> env = Map.of("POETRY_ARCHIVE", "off", "POETRY_JAVA_OPTS", "-Dio.netty.native.workdir=" + noPlace);

        Seen jarAlone = run(root, env, "get", "--transport", "epoll", "1");
        assertEquals(2, jarAlone.exitCode(), "a jar alone needs that copy: " + jarAlone);
        assertTrue(jarAlone.err().startsWith("poetry get: --transport epoll is not available here: "), jarAlone.err());

        Path beside = Files.createDirectories(root.resolve("cli/target/native/META-INF/native"));
        try (Stream<Path> libraries = Files.list(JAR.resolveSibling("native/META-INF/native"))) {
            for (Path library : libraries.toList()) {
                Files.copy(library, beside.resolve(library.getFileName()));
            }
        }
        Seen withLibraries = run(root, env, "get", "--transport", "epoll", "1");
        assertEquals(new Seen(1, "", "Task 1: failed to get poetry from 127.0.0.1:1: Connection refused\nGot 0 poems in S seconds (1 failed)\n"),
                withLibraries, "epoll runs from the library the build unpacked");
    }

    /**
     * The proxy keeps its poem in direct memory, up to --max-bytes (64 MiB by default): the
     * launcher must give it room for that poem, and for a second while it is fetched again.
     */
    @Test
    void theLaunchersProxyKeepsAPoemJustUnderItsDefaultMaxBytes(@TempDir Path dir) throws Exception {
        Path root = copyOfTheProgram(dir);
        int size = 62 << 20;
        try (ServerSocket upstream = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread sender = new Thread(() -> {
                byte[] block = new byte[1 << 20];
                while (!upstream.isClosed()) {
                    try (Socket client = upstream.accept(); OutputStream out = client.getOutputStream()) {
                        for (int sent = 0; sent < size; sent += block.length) {
                            out.write(block);
                        }
                    } catch (IOException closed) {
                        // the test is over, or the proxy hung up: either way the next accept decides
                    }
                }
            }, "upstream");
            sender.setDaemon(true);
            sender.start();
            ProcessBuilder launcher = new ProcessBuilder("bash", root.resolve("scripts/poetry").toString(),
                    "proxy", "--iface", "127.0.0.1", String.valueOf(upstream.getLocalPort()));
            launcher.environment().remove("POETRY_JAVA_OPTS");
            launcher.environment().put("POETRY_ARCHIVE", "off");
            try (PoetryProcess proxy = PoetryProcess.start(launcher)) {
                int port = proxy.awaitPort("Proxying .+", java.time.Duration.ofSeconds(30));
                assertEquals(size, Loopback.readAll(port).length, "the whole poem, not a reset; log: " + proxy.errSoFar());
                assertTrue(!proxy.errSoFar().contains("direct memory"), proxy.errSoFar());
            }
        }
    }
}

