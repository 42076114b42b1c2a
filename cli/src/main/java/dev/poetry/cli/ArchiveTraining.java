package dev.poetry.cli;

import io.netty.buffer.AdaptiveByteBufAllocator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rehearsal of what users run, for the class archive {@code scripts/poetry} builds: the JVM
 * records the classes this run loads and later starts with them already parsed and linked. It runs
 * the real commands on loopback (a fast server, a transform server and a proxy, then {@code get}
 * through them), so the archive holds exactly the classes those commands use.
 */
public final class ArchiveTraining {

    private static final Pattern ANNOUNCED_PORT = Pattern.compile(":([0-9]+)\\.$");

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws Exception {
        // Servers and clients share this JVM: the clients' settings (their allocator above all)
        // rule it, and the servers' allocator is made here so that its classes are archived too.
        ProcessProperties.setFor(false);
        new AdaptiveByteBufAllocator().buffer().release();
        Path poem = Files.createTempFile("poetry-training", ".txt");
        StopSignal stop = new StopSignal();
        List<Thread> servers = new ArrayList<>();
        int status = 0;
        try {
            Files.writeString(poem, "A poem for rehearsals,\nread once, then forgotten.\n", StandardCharsets.UTF_8);
            String fast = serve(stop, servers, "serve", "-q", "--iface", "127.0.0.1", poem.toString());
            String transform = serve(stop, servers, "transform", "-q", "--iface", "127.0.0.1");
            String proxy = serve(stop, servers, "proxy", "-q", "--iface", "127.0.0.1", fast);
            status |= run("get", "--transform", transform, fast, proxy);
            status |= run("get", "--json", fast);
            status |= run("--version");
        } finally {
            stop.stop();
            for (Thread server : servers) {
                server.join(TimeUnit.SECONDS.toMillis(10));
            }
            Files.deleteIfExists(poem);
        }
        // A failed rehearsal must not leave an archive behind: the launcher keeps it only on 0.
        System.exit(status == 0 ? 0 : 1);
    }

    /** Starts a server command on its own thread and returns its port once it has announced it. */
    private static String serve(StopSignal stop, List<Thread> servers, String... args) throws Exception {
        FirstLine announcement = new FirstLine();
        PrintWriter out = new PrintWriter(announcement, true);
        PrintWriter err = new PrintWriter(Writer.nullWriter());
        Thread server = new Thread(() -> {
            int code = Poetry.commandLine(out, err, stop).execute(args);
            announcement.line.complete("exited " + code);
        }, "training-" + args[0]);
        server.setDaemon(true);
        server.start();
        servers.add(server);
        String line = announcement.line.get(30, TimeUnit.SECONDS);
        Matcher port = ANNOUNCED_PORT.matcher(line);
        if (!port.find()) {
            throw new IllegalStateException(args[0] + " did not start: " + line);
        }
        return port.group(1);
    }

    /** Runs a short command the way {@code Poetry.main} does, up to the signal handlers it installs. */
    private static int run(String... args) {
        StandardStream stdout = new StandardStream("stdout", OutputStream.nullOutputStream());
        Interrupts.ofProcess(stdout, stdout); // made, never routed: the rehearsal keeps the JVM's signal handling
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        return Poetry.commandLineFor(args, nowhere, nowhere, new StopSignal()).execute(args);
    }

    /** Completes {@link #line} with the first line written to it. */
    private static final class FirstLine extends Writer {
        private final CompletableFuture<String> line = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
            int end = text.indexOf("\n");
            if (end >= 0) {
                line.complete(text.substring(0, end).stripTrailing());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() throws IOException {
        }
    }
}
