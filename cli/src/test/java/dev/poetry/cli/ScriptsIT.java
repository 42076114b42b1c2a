package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell scripts as a user runs them, against the built jar. */
class ScriptsIT {

    private static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();

    /** Output and exit code of one script run, bounded in time. */
    private record Run(int exitCode, String out) {
    }

    private static Run run(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), script + " finished");
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void theDemoShowsTheAsynchronousClientWellAheadOfTheBlockingOneAndDrawsTheThreeRuns(@TempDir Path dir) throws Exception {
        Path picture = dir.resolve("demo.svg");
        Run demo = run("demo", "--delay", "0.02", "--timeline", picture.toString());
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
        Run start = run("start-servers", "--dir", dir.toString(), "--delay", "0.01", "--num-bytes", "100",
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

            Run again = run("start-servers", "--dir", dir.resolve("other").toString(),
                    "--slow-ports", ports[0] + "," + ports[1] + "," + ports[2],
                    "--transform-port", String.valueOf(ports[3]), "--proxy-port", String.valueOf(ports[4]));
            assertEquals(1, again.exitCode());
            assertTrue(again.out().contains("port " + ports[0] + " is already taken"), again.out());

            Run check = run("transform-test", String.valueOf(ports[3]));
            assertTrue(check.out().contains("received: 15:here is my poem,"), check.out());

            Run get = run("poetry", "get", "--transform", String.valueOf(ports[3]), "--xform", "shout",
                    String.valueOf(ports[4]), String.valueOf(ports[1]), String.valueOf(ports[2]));
            assertEquals(0, get.exitCode(), get.out());
            String ecstasy = Files.readString(SCRIPTS.resolve("../poetry/ecstasy.txt"));
            assertTrue(get.out().contains(ecstasy.toUpperCase(java.util.Locale.ROOT)), "through the proxy and the transform");
            assertTrue(get.out().contains("Got 3 poems in"), get.out());
        } finally {
            Run stop = run("stop-servers", "--dir", dir.toString());
            assertEquals(0, stop.exitCode(), stop.out());
            assertTrue(stop.out().contains("Stopped 5 server(s)."), stop.out());
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " left behind");
        }
        Run stopAgain = run("stop-servers", "--dir", dir.toString());
        assertEquals(0, stopAgain.exitCode(), "harmless when nothing runs");
    }

    @Test
    void everyScriptHasHelp() throws Exception {
        for (String script : List.of("demo", "start-servers", "stop-servers", "transform-test", "proxy-demo", "soak", "abuse")) {
            Run help = run(script, "--help");
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
