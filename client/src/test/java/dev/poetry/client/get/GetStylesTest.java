package dev.poetry.client.get;

import dev.poetry.server.ServerLimits;
import dev.poetry.server.Verbosity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.client.ClientSettings;
import dev.poetry.protocol.Address;
import dev.poetry.protocol.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.slow.SlowPoetryServer;
import dev.poetry.server.transform.TransformServer;
import dev.poetry.server.transform.Transforms;
import dev.poetry.testing.Loopback;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GetStylesTest {

    private static final ClientSettings SETTINGS = new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(10));
    private static final List<String> POEMS = List.of("fascination.txt", "science.txt", "alla_sera.txt");

    private static EventLoops loops;
    private static final List<RunningServer> servers = new ArrayList<>();
    private static final List<Address> slow = new ArrayList<>();
    private static Address transform;

    @BeforeAll
    static void start() {
        loops = EventLoops.create(2);
        // Each poem takes about 0.4 s, in about 10 chunks.
        for (String name : POEMS) {
            SharedPoem poem = SharedPoem.load(Loopback.poem(name));
            SlowPoetryServer.Pace pace = new SlowPoetryServer.Pace(poem.length() / 9 + 1, Duration.ofMillis(40));
            RunningServer server = SlowPoetryServer.start(loops, "127.0.0.1", 0, poem, pace, ServerLimits.DEFAULT, Verbosity.NORMAL);
            servers.add(server);
            slow.add(new Address("127.0.0.1", server.port()));
        }
        RunningServer transformer = TransformServer.start(loops, "127.0.0.1", 0, ServerLimits.DEFAULT,
                new TransformServer.Settings(Transforms.standard(), 1 << 20, Duration.ofSeconds(5), Verbosity.NORMAL));
        servers.add(transformer);
        transform = new Address("127.0.0.1", transformer.port());
    }

    @AfterAll
    static void stop() {
        servers.forEach(RunningServer::close);
        loops.close();
    }

    private static GetRequest request(List<Address> addresses) {
        return new GetRequest(addresses, Optional.empty(), "cummingsify", SETTINGS, Optional.empty());
    }

    private static RecordingReporter run(GetStyle.Name style, GetRequest request) throws Exception {
        RecordingReporter reporter = new RecordingReporter();
        int failures = style.create().run(request, reporter);
        assertEquals(reporter.failures.size(), failures);
        return reporter;
    }

    private static String expected(String name) throws Exception {
        return Files.readString(Loopback.poem(name));
    }

    @ParameterizedTest
    @EnumSource(GetStyle.Name.class)
    void everyStyleDeliversTheSamePoems(GetStyle.Name style) throws Exception {
        RecordingReporter reporter = run(style, request(slow));
        assertEquals(Map.of(1, expected(POEMS.get(0)), 2, expected(POEMS.get(1)), 3, expected(POEMS.get(2))), reporter.poems);
        assertEquals(Map.of(), reporter.failures);
        long total = 0;
        for (String name : POEMS) {
            total += Files.size(Loopback.poem(name));
        }
        assertEquals(total, reporter.chunkBytes, "every byte was reported as a chunk");
    }

    @Test
    void asynchronousStylesTakeAboutTheSlowestServersTimeNotTheSum() throws Exception {
        List<Address> same = List.of(slow.get(1), slow.get(1), slow.get(1));
        long blocking = timed(GetStyle.Name.BLOCKING, same);
        for (GetStyle.Name style : List.of(GetStyle.Name.LIST, GetStyle.Name.CALLBACK, GetStyle.Name.INLINE)) {
            long asynchronous = timed(style, same);
            assertTrue(asynchronous < 0.6 * blocking, String.format(Locale.ROOT,
                    "%s took %d ms, blocking %d ms", style, asynchronous / 1_000_000, blocking / 1_000_000));
        }
    }

    @Test
    void processesScaleLikeTheAsynchronousStyles() throws Exception {
        long one = timed(GetStyle.Name.PROCESS, List.of(slow.get(1)));
        List<Address> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(slow.get(1));
        }
        long hundred = timed(GetStyle.Name.PROCESS, many);
        // One after another they would take 100 times as long.
        assertTrue(hundred < 3 * one, String.format(Locale.ROOT, "100 processes took %d ms, one took %d ms",
                hundred / 1_000_000, one / 1_000_000));
    }

    @Test
    void theLazyStylePrintsLinesAsTheyArriveInterleavingPoems() throws Exception {
        SharedPoem quick = SharedPoem.of("quick one\nquick two\n".getBytes());
        SharedPoem slowPoem = SharedPoem.of("slow one\nslow two\nslow three\nslow four\n".getBytes());
        try (RunningServer fast = SlowPoetryServer.start(loops, "127.0.0.1", 0, quick, new SlowPoetryServer.Pace(10, Duration.ofMillis(20)), ServerLimits.DEFAULT, Verbosity.NORMAL);
             RunningServer slower = SlowPoetryServer.start(loops, "127.0.0.1", 0, slowPoem, new SlowPoetryServer.Pace(5, Duration.ofMillis(60)), ServerLimits.DEFAULT, Verbosity.NORMAL)) {
            RecordingReporter reporter = run(GetStyle.Name.LAZY,
                    request(List.of(new Address("127.0.0.1", slower.port()), new Address("127.0.0.1", fast.port()))));
            assertEquals(Map.of(1, "slow one\nslow two\nslow three\nslow four\n", 2, "quick one\nquick two\n"), reporter.poems);
            assertTrue(reporter.events.indexOf("line 2 quick one") < reporter.events.indexOf("line 1 slow four"),
                    "the quick poem's first line came before the slow poem ended: " + reporter.events);
        }
    }

    @Test
    void theLazyStyleKeepsCharactersSplitAcrossReadsWholeAndPrintsALastLineWithoutNewline() throws Exception {
        String text = "\u00e0 la sera\nperch\u00e9 no\nultimo s\u00ec";
        SharedPoem poem = SharedPoem.of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (RunningServer server = SlowPoetryServer.start(loops, "127.0.0.1", 0, poem, new SlowPoetryServer.Pace(1, Duration.ofMillis(1)), ServerLimits.DEFAULT, Verbosity.NORMAL)) {
            RecordingReporter reporter = run(GetStyle.Name.LAZY, request(List.of(new Address("127.0.0.1", server.port()))));
            assertEquals(List.of("line 1 \u00e0 la sera", "line 1 perch\u00e9 no", "line 1 ultimo s\u00ec"), reporter.events);
        }
    }

    private static long timed(GetStyle.Name style, List<Address> addresses) throws Exception {
        long start = System.nanoTime();
        RecordingReporter reporter = run(style, request(addresses));
        assertEquals(addresses.size(), reporter.poems.size());
        return System.nanoTime() - start;
    }

    @ParameterizedTest
    @EnumSource(GetStyle.Name.class)
    void aDeadPortFailsAloneWhileTheOthersArrive(GetStyle.Name style) throws Exception {
        int dead;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = socket.getLocalPort();
        }
        RecordingReporter reporter = run(style, request(List.of(slow.get(0), new Address("127.0.0.1", dead), slow.get(1))));
        assertEquals(Map.of(2, "Connection refused"), reporter.failures);
        assertEquals(Map.of(1, expected(POEMS.get(0)), 3, expected(POEMS.get(1))), reporter.poems);
    }

    @Test
    void theListStyleReportsInTheOrderGivenWhateverFinishesFirst() throws Exception {
        SharedPoem poem = SharedPoem.of("slow and long\n".repeat(5).getBytes());
        try (RunningServer slowest = SlowPoetryServer.start(loops, "127.0.0.1", 0, poem,
                new SlowPoetryServer.Pace(10, Duration.ofMillis(60)), ServerLimits.DEFAULT, Verbosity.NORMAL)) {
            RecordingReporter reporter = run(GetStyle.Name.LIST,
                    request(List.of(new Address("127.0.0.1", slowest.port()), slow.get(1), slow.get(2))));
            assertEquals(List.of("poem 1", "poem 2", "poem 3"), reporter.events);
        }
    }

    @ParameterizedTest
    @EnumSource(value = GetStyle.Name.class, names = {"LIST", "CALLBACK", "INLINE"})
    void transformsEachPoem(GetStyle.Name style) throws Exception {
        GetRequest request = new GetRequest(List.of(slow.get(2)), Optional.of(transform), "shout", SETTINGS, Optional.empty());
        RecordingReporter reporter = run(style, request);
        assertEquals(Map.of(1, expected(POEMS.get(2)).toUpperCase(Locale.ROOT)), reporter.poems);
        assertEquals(List.of(), reporter.transformFailures);
    }

    @ParameterizedTest
    @EnumSource(value = GetStyle.Name.class, names = {"LIST", "CALLBACK", "INLINE"})
    void fallsBackToTheOriginalWhenTheTransformFails(GetStyle.Name style) throws Exception {
        GetRequest unknown = new GetRequest(List.of(slow.get(1)), Optional.of(transform), "sonnetize", SETTINGS, Optional.empty());
        RecordingReporter reporter = run(style, unknown);
        assertEquals(Map.of(1, expected(POEMS.get(1))), reporter.poems);
        assertEquals(List.of("1 sonnetize: the server closed the connection without a reply"), reporter.transformFailures);

        int dead;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = socket.getLocalPort();
        }
        GetRequest down = new GetRequest(List.of(slow.get(1)), Optional.of(new Address("127.0.0.1", dead)), "cummingsify",
                SETTINGS, Optional.empty());
        reporter = run(style, down);
        assertEquals(Map.of(1, expected(POEMS.get(1))), reporter.poems);
        assertEquals(List.of("1 cummingsify: Connection refused"), reporter.transformFailures);
    }

    @ParameterizedTest
    @EnumSource(value = GetStyle.Name.class, mode = EnumSource.Mode.EXCLUDE, names = "LAZY")
    void streamsPoemsIntoFiles(GetStyle.Name style, @TempDir Path dir) throws Exception {
        GetRequest request = new GetRequest(slow.subList(0, 2), Optional.empty(), "cummingsify", SETTINGS, Optional.of(dir));
        RecordingReporter reporter = run(style, request);
        assertEquals(2, reporter.poems.size());
        for (Task task : request.tasks()) {
            Path file = request.outputFile(task).orElseThrow();
            assertEquals("task-" + task.number() + "-127.0.0.1-" + task.address().port() + ".txt", file.getFileName().toString());
            assertEquals(expected(POEMS.get(task.number() - 1)), Files.readString(file));
        }
    }
}
