package dev.poetry.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.testing.Loopback;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child process under test, usually the fat jar: its output read on its own threads so that every
 * wait is bounded; closing it closes the connections made to it, then kills it.
 */
final class PoetryProcess implements AutoCloseable {

    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final Path JAR = Path.of(System.getProperty("poetry.jar", "target/poetry.jar"));

    /** How long a process that has exited may take to close its pipes: there is nothing left to write. */
    private static final Duration PIPES_CLOSE = Duration.ofSeconds(10);

    /** Exit status and everything the process wrote, once it has ended. */
    record Finished(int exitCode, String out, String err) {
    }

    private final Process process;
    private final Capture out;
    private final Capture err;
    private final List<Socket> connections = new ArrayList<>();

    private PoetryProcess(Process process) {
        this.process = process;
        this.out = new Capture(process.getInputStream(), "stdout");
        this.err = new Capture(process.getErrorStream(), "stderr");
    }

    /** {@code java -jar poetry.jar ARGS}. */
    static List<String> command(String... args) {
        return command(List.of(), List.of(), args);
    }

    /** {@code PREFIX java JVM-OPTIONS -jar poetry.jar ARGS}, e.g. behind prlimit or with a -D option. */
    static List<String> command(List<String> prefix, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(JAVA);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts {@code java -jar poetry.jar ARGS}. */
    static PoetryProcess start(String... args) throws IOException {
        return start(new ProcessBuilder(command(args)));
    }

    static PoetryProcess start(List<String> command) throws IOException {
        return start(new ProcessBuilder(command));
    }

    /** Starts any command, for callers that redirect a stream or set the environment. */
    static PoetryProcess start(ProcessBuilder builder) throws IOException {
        return new PoetryProcess(builder.start());
    }

    Process process() {
        return process;
    }

    /** Reads the start-up line, {@code STARTUP on 127.0.0.1:PORT.} (e.g. {@code "Serving .+"}), and returns the port. */
    int awaitPort(String startup, Duration bound) throws InterruptedException {
        String line = out.nextLine(bound);
        Matcher m = Pattern.compile(startup + " on 127\\.0\\.0\\.1:(\\d+)\\.").matcher(String.valueOf(line));
        assertTrue(m.matches(), "start-up line: " + line + "; stderr: " + err.soFar());
        return Integer.parseInt(m.group(1));
    }

    /** The next line of stdout, or null once stdout has ended. */
    String nextOutLine(Duration bound) throws InterruptedException {
        return out.nextLine(bound);
    }

    /** Waits for a line of stderr that contains {@code text}, and returns it. */
    String awaitErrLine(String text, Duration bound) throws InterruptedException {
        for (String line; (line = err.nextLine(bound)) != null; ) {
            if (line.contains(text)) {
                return line;
            }
        }
        throw new AssertionError("stderr ended without '" + text + "'");
    }

    /** What stdout has said so far, without waiting. */
    String outSoFar() {
        return out.soFar();
    }

    /** What stderr has said so far, without waiting; all of it once {@link #exitCode} has returned. */
    String errSoFar() {
        return err.soFar();
    }

    /** Everything on stdout, once it ends within the bound. */
    String allOut(Duration bound) throws InterruptedException {
        return out.all(bound);
    }

    /** Everything on stderr, once it ends within the bound. */
    String allErr(Duration bound) throws InterruptedException {
        return err.all(bound);
    }

    /** Asserts the process ends within the bound ({@code what} says so on failure), waits for its pipes, and returns its status. */
    int exitCode(Duration bound, String what) throws InterruptedException {
        assertTrue(process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS), what);
        out.all(PIPES_CLOSE);
        err.all(PIPES_CLOSE);
        return process.exitValue();
    }

    /** Runs to the end: the status and everything said, the process bounded as {@link #exitCode}. */
    Finished finish(Duration bound, String what) throws InterruptedException {
        int status = exitCode(bound, what);
        return new Finished(status, out.soFar(), err.soFar());
    }

    /** A connection to this server on 127.0.0.1:{@code port}, closed when the process is. */
    Socket connect(int port) throws IOException {
        Socket socket = Loopback.connect(port);
        connections.add(socket);
        return socket;
    }

    /** Closes every connection made with {@link #connect}. */
    void closeConnections() throws IOException {
        for (Socket socket : connections) {
            socket.close();
        }
        connections.clear();
    }

    /** Closes the connections, then kills the process and whatever it started that is still its child. */
    @Override
    public void close() throws IOException {
        try {
            closeConnections();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** One output stream, read on its own thread into text that waits poll with a bound. */
    private static final class Capture {

        /** Far more than any test's child says; a flood beyond it is dropped, not held. */
        private static final int MAX_CHARS = 16 << 20;

        private final String name;
        private final StringBuilder text = new StringBuilder();
        private int nextLineStart;
        private boolean ended;

        Capture(InputStream stream, String name) {
            this.name = name;
            Thread reader = new Thread(() -> read(stream), "child-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        private void read(InputStream stream) {
            char[] buffer = new char[8192];
            try (Reader in = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    append(buffer, n);
                }
            } catch (IOException gone) {
                // the process was killed; what was read is all there is
            }
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }

        private synchronized void append(char[] chars, int count) {
            int room = MAX_CHARS - text.length();
            if (room > 0) {
                text.append(chars, 0, Math.min(count, room));
                notifyAll();
            }
        }

        synchronized String soFar() {
            return text.toString();
        }

        /** The next line without its end, or null at the end of the stream. */
        synchronized String nextLine(Duration bound) throws InterruptedException {
            long deadline = System.nanoTime() + bound.toNanos();
            int newline;
            while ((newline = text.indexOf("\n", nextLineStart)) < 0 && !ended) {
                waitUntil(deadline, "no line on " + name + " within " + seconds(bound));
            }
            if (newline < 0 && nextLineStart == text.length()) {
                return null;
            }
            int end = newline < 0 ? text.length() : newline;
            String line = text.substring(nextLineStart, end);
            nextLineStart = newline < 0 ? end : newline + 1;
            return line;
        }

        synchronized String all(Duration bound) throws InterruptedException {
            long deadline = System.nanoTime() + bound.toNanos();
            while (!ended) {
                waitUntil(deadline, name + " did not end within " + seconds(bound));
            }
            return text.toString();
        }

        private static String seconds(Duration bound) {
            return bound.toMillis() / 1000.0 + " s";
        }

        private void waitUntil(long deadline, String failure) throws InterruptedException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(failure);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
