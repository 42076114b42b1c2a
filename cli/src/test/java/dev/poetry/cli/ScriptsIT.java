package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.cli.PoetryProcess.Finished;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell scripts as a user runs them, against the built jar. */
class ScriptsIT {

    private static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();

    private static Finished run(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        return run(new ProcessBuilder(command));
    }

    /** Runs to the end within 120 s, stderr merged into out, so that a hung script cannot hang the build. */
    private static Finished run(ProcessBuilder builder) throws Exception {
        try (PoetryProcess process = PoetryProcess.start(builder.redirectErrorStream(true))) {
            return process.finish(Duration.ofSeconds(120), builder.command() + " finished within 120 s");
        }
    }

    @Test
    void theDemoShowsTheAsynchronousClientWellAheadOfTheBlockingOneAndDrawsTheThreeRuns(@TempDir Path dir) throws Exception {
        Path picture = dir.resolve("demo.svg");
        Finished demo = run("demo", "--delay", "0.02", "--timeline", picture.toString());
        assertEquals(0, demo.exitCode(), demo.out());
        List<String> lines = demo.out().lines().toList();
        assertEquals("Timeline: " + picture, lines.get(lines.size() - 1), "the demo ends with the picture's path");
        dev.poetry.cli.timeline.SvgDocument svg = dev.poetry.cli.timeline.SvgDocument.parse(Files.readString(picture));
        List<org.w3c.dom.Element> runs = svg.byClass("run");
        assertEquals(List.of("blocking", "threads", "asynchronous"), runs.stream().map(run -> run.getAttribute("data-label")).toList());
        for (org.w3c.dom.Element run : runs) {
            assertEquals(3, dev.poetry.cli.timeline.SvgDocument.byClass(run, "track").size(), run.getAttribute("data-label"));
        }
        Matcher totals = Pattern.compile("blocking: ([0-9.]+) s   asynchronous: ([0-9.]+) s").matcher(demo.out());
        assertTrue(totals.find(), demo.out());
        double blocking = Double.parseDouble(totals.group(1));
        double asynchronous = Double.parseDouble(totals.group(2));
        assertTrue(asynchronous < 0.75 * blocking, demo.out());
    }

    @Test
    void startServersGetThroughEverythingThenStopServersLeavesNothingBehind(@TempDir Path dir) throws Exception {
        int[] ports = freePorts(5);
        Finished start = run("start-servers", "--dir", dir.toString(), "--delay", "0.01", "--num-bytes", "100",
                "--slow-ports", ports[0] + "," + ports[1] + "," + ports[2],
                "--transform-port", String.valueOf(ports[3]), "--proxy-port", String.valueOf(ports[4]));
        List<Long> pids = new ArrayList<>();
        try {
            assertEquals(0, start.exitCode(), start.out());
            try (Stream<Path> files = Files.list(dir)) {
                for (Path pidFile : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                    pids.add(Long.parseLong(Files.readString(pidFile).strip()));
                }
            }
            assertEquals(5, pids.size());

            Finished again = run("start-servers", "--dir", dir.resolve("other").toString(),
                    "--slow-ports", ports[0] + "," + ports[1] + "," + ports[2],
                    "--transform-port", String.valueOf(ports[3]), "--proxy-port", String.valueOf(ports[4]));
            assertEquals(1, again.exitCode());
            assertTrue(again.out().contains("port " + ports[0] + " is already taken"), again.out());

            Finished check = run("transform-test", String.valueOf(ports[3]));
            assertEquals(0, check.exitCode(), check.out());
            assertTrue(check.out().contains("received: 15:here is my poem,"), check.out());

            Finished get = run("poetry", "get", "--transform", String.valueOf(ports[3]), "--xform", "shout",
                    String.valueOf(ports[4]), String.valueOf(ports[1]), String.valueOf(ports[2]));
            assertEquals(0, get.exitCode(), get.out());
            String ecstasy = Files.readString(SCRIPTS.resolve("../poetry/ecstasy.txt"));
            assertTrue(get.out().contains(ecstasy.toUpperCase(java.util.Locale.ROOT)), "through the proxy and the transform");
            assertTrue(get.out().contains("Got 3 poems in"), get.out());
        } finally {
            Finished stop = run("stop-servers", "--dir", dir.toString());
            assertEquals(0, stop.exitCode(), stop.out());
            assertTrue(stop.out().contains("Stopped 5 server(s)."), stop.out());
        }
        for (long pid : pids) {
            assertFalse(stillRunning(pid), "process " + pid + " left behind");
        }
        Finished stopAgain = run("stop-servers", "--dir", dir.toString());
        assertEquals(0, stopAgain.exitCode(), "harmless when nothing runs");
    }

    /**
     * Whether {@code pid} still runs. One that has exited but is not yet reaped (a zombie, which
     * whoever adopted it reaps late here) has stopped: that is what stop-servers waits for.
     */
    private static boolean stillRunning(long pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String line;
        try {
            line = Files.readString(stat);
        } catch (java.nio.file.NoSuchFileException reaped) {
            return false;
        }
        return line.charAt(line.lastIndexOf(')') + 2) != 'Z'; // the state follows the command name's ')'
    }

    @Test
    void theProxyDemoShowsTheCacheAndTheCancellationAndExitsZero() throws Exception {
        Finished demo = run("proxy-demo");
        assertEquals(0, demo.exitCode(), demo.out());
        assertTrue(demo.out().contains("Using cached poem."), demo.out());
        assertTrue(demo.out().contains("went away"), demo.out());
    }

    /** What the launcher's build writes to stderr, which may be a log: no colour, no reset codes. */
    @Test
    void aQuietMavenRunWritesNoEscapeCodes() throws Exception {
        Finished build = run(new ProcessBuilder("mvn", "-B", "-q", "-Dstyle.color=never", "validate", "-N")
                .directory(SCRIPTS.getParent().toFile()));
        assertEquals(0, build.exitCode(), build.out());
        assertFalse(build.out().contains("\033"), build.out().replace("\033", "ESC"));
    }

    /** The launcher in a tree of its own, with a Maven that only says what it was asked. */
    @Test
    void theLauncherRebuildsAStaleJarSaysSoAndChecksNothingWithoutSources(@TempDir Path root) throws Exception {
        Path launcher = Files.createDirectories(root.resolve("scripts")).resolve("poetry");
        Files.copy(SCRIPTS.resolve("poetry"), launcher);
        Path jar = Files.createDirectories(root.resolve("cli/target")).resolve("poetry.jar");
        Files.copy(PoetryProcess.JAR, jar);
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve("cli/pom.xml"), "<project/>");
        Path source = Files.createDirectories(root.resolve("cli/src/main/java")).resolve("Edited.java");
        Files.writeString(source, "class Edited {}");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path calls = root.resolve("mvn-calls");
        Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n");
        mvn.toFile().setExecutable(true);
        long past = System.currentTimeMillis() - 60_000;
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(past));
        Files.setLastModifiedTime(root.resolve("pom.xml"), java.nio.file.attribute.FileTime.fromMillis(past - 1000));
        Files.setLastModifiedTime(root.resolve("cli/pom.xml"), java.nio.file.attribute.FileTime.fromMillis(past - 1000));

        ProcessBuilder version = new ProcessBuilder("bash", launcher.toString(), "--version");
        version.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Finished stale = run(version);
        assertEquals(0, stale.exitCode(), stale.out());
        assertTrue(stale.out().startsWith("poetry: cli/src/main/java/Edited.java is newer than the jar; building it with Maven...\n"),
                stale.out());
        assertTrue(Files.readString(calls).contains("-Dstyle.color=never"), Files.readString(calls));
        assertTrue(stale.out().contains("poetry 0.1.0"), stale.out());

        Finished fresh = run(version);
        assertTrue(fresh.out().startsWith("poetry 0.1.0"), "checked, nothing newer: " + fresh.out());
        assertEquals(1, Files.readAllLines(calls).size(), "built once");

        Files.writeString(source, "class Edited { int edited; }");
        Files.delete(root.resolve("pom.xml"));
        Finished alone = run(version);
        assertTrue(alone.out().startsWith("poetry 0.1.0"), "no sources beside it, no check: " + alone.out());
        assertEquals(1, Files.readAllLines(calls).size());
    }

    @Test
    void everyScriptHasHelp() throws Exception {
        for (String script : List.of("demo", "start-servers", "stop-servers", "transform-test", "proxy-demo", "soak", "abuse")) {
            Finished help = run(script, "--help");
            assertEquals(0, help.exitCode(), script);
            assertTrue(help.out().startsWith("Usage: scripts/" + script), help.out());
        }
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
