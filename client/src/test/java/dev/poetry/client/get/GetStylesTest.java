package dev.poetry.client.get;

import dev.poetry.server.ServerLimits;
import dev.poetry.server.Verbosity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.client.ClientSettings;
import dev.poetry.net.Address;
import dev.poetry.net.EventLoops;
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
        return new GetRequest(addresses, SETTINGS, Optional.empty());
    }

    private static RecordingReporter run(GetStyle.Name style, GetRequest request) throws Exception {
        return run(style, request, Plan.PLAIN);
    }

    private static RecordingReporter run(GetStyle.Name style, GetRequest request, Plan plan) throws Exception {
        return run(style, request, plan, new RecordingReporter());
    }

    static <R extends RecordingReporter> R run(GetStyle.Name style, GetRequest request, Plan plan, R reporter) throws Exception {
        GetStyle chosen = style.create();
        Tally tally;
        if (chosen instanceof ComposingStyle composing) {
            tally = composing.run(request, plan, reporter);
        } else if (chosen instanceof PoemStyle poems) {
            tally = poems.run(request, reporter);
        } else {
            tally = ((LineStyle) chosen).run(request, reporter);
        }
        assertEquals(reporter.failures.size(), tally.failed());
        assertEquals(request.servers().size(), tally.poems() + tally.failed() + tally.cancelled());
        return reporter;
    }

    private static Plan transforming(Address server, String name) {
        return new Plan(Optional.of(new Transformation(server, name)), RunUntil.EVERY_TASK_ENDS);
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

    /** 20 chunks 50 ms apart: a second in which every concurrent download must have started receiving. */
    private static RunningServer pacedServer() {
        SharedPoem poem = SharedPoem.of("twenty chunks of poetry, five bytes each\n".repeat(2).getBytes());
        return SlowPoetryServer.start(loops, "127.0.0.1", 0, poem,
                new SlowPoetryServer.Pace(poem.length() / 20 + 1, Duration.ofMillis(50)), ServerLimits.DEFAULT, Verbosity.NORMAL);
    }

    @Test
    void theConcurrentStylesInterleaveTheServersWhereBlockingTakesOneAfterAnother() throws Exception {
        // Proved by the order of events, not by timing ratios that a loaded machine could upset.
        try (RunningServer server = pacedServer()) {
            Address paced = new Address("127.0.0.1", server.port());
            List<Address> same = List.of(paced, paced, paced);
            RecordingReporter blocking = run(GetStyle.Name.BLOCKING, request(same));
            assertTrue(blocking.timeline.lastIndexOf("chunk 1") < blocking.timeline.indexOf("chunk 2"), blocking.timeline.toString());
            for (GetStyle.Name style : List.of(GetStyle.Name.LIST, GetStyle.Name.CALLBACK, GetStyle.Name.INLINE, GetStyle.Name.PROCESS)) {
                RecordingReporter reporter = run(style, request(same));
                assertTrue(reporter.timeline.indexOf("chunk 3") < reporter.timeline.lastIndexOf("chunk 1"),
                        style + ": task 3 was receiving before task 1 had its last chunk: " + reporter.timeline);
            }
        }
    }

    @Test
    void processesScaleLikeTheAsynchronousStyles() throws Exception {
        try (RunningServer server = pacedServer()) {
            List<Address> many = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                many.add(new Address("127.0.0.1", server.port()));
            }
            RecordingReporter reporter = run(GetStyle.Name.PROCESS, request(many));
            assertEquals(100, reporter.poems.size());
            int lastChunkOfTheFirstToEnd = reporter.timeline.size();
            for (int task = 1; task <= 100; task++) {
                lastChunkOfTheFirstToEnd = Math.min(lastChunkOfTheFirstToEnd, reporter.timeline.lastIndexOf("chunk " + task));
            }
            for (int task = 1; task <= 100; task++) {
                // One after another, task 100 would start only after 99 poems had ended.
                assertTrue(reporter.timeline.indexOf("chunk " + task) < lastChunkOfTheFirstToEnd,
                        "task " + task + " was receiving before any process had finished");
            }
        }
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
        RecordingReporter reporter = run(style, request(List.of(slow.get(2))), transforming(transform, "shout"));
        assertEquals(Map.of(1, expected(POEMS.get(2)).toUpperCase(Locale.ROOT)), reporter.poems);
        assertEquals(List.of(), reporter.transformFailures);
    }

    @ParameterizedTest
    @EnumSource(value = GetStyle.Name.class, names = {"LIST", "CALLBACK", "INLINE"})
    void fallsBackToTheOriginalWhenTheTransformFails(GetStyle.Name style) throws Exception {
        RecordingReporter reporter = run(style, request(List.of(slow.get(1))), transforming(transform, "sonnetize"));
        assertEquals(Map.of(1, expected(POEMS.get(1))), reporter.poems);
        assertEquals(List.of("1 sonnetize: the server closed the connection without a reply"), reporter.transformFailures);

        int dead;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = socket.getLocalPort();
        }
        reporter = run(style, request(List.of(slow.get(1))), transforming(new Address("127.0.0.1", dead), "cummingsify"));
        assertEquals(Map.of(1, expected(POEMS.get(1))), reporter.poems);
        assertEquals(List.of("1 cummingsify: Connection refused"), reporter.transformFailures);
    }

    @ParameterizedTest
    @EnumSource(value = GetStyle.Name.class, mode = EnumSource.Mode.EXCLUDE, names = "LAZY")
    void streamsPoemsIntoFiles(GetStyle.Name style, @TempDir Path dir) throws Exception {
        GetRequest request = new GetRequest(slow.subList(0, 2), SETTINGS, Optional.of(dir));
        RecordingReporter reporter = run(style, request);
        assertEquals(2, reporter.poems.size());
        for (Task task : request.tasks()) {
            Path file = request.outputFile(task).orElseThrow();
            assertEquals("task-" + task.number() + "-127.0.0.1-" + task.address().port() + ".txt", file.getFileName().toString());
            assertEquals(expected(POEMS.get(task.number() - 1)), Files.readString(file));
        }
    }
}
