package dev.poetry.server.transform;

import dev.poetry.server.ServerLimits;
import dev.poetry.server.Verbosity;
import static dev.poetry.testing.Loopback.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.poetry.net.EventLoops;
import dev.poetry.net.Transport;
import dev.poetry.server.RunningServer;
import dev.poetry.testing.Loopback;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TransformServerTest {

    private static EventLoops loops;
    private static RunningServer server;

    @BeforeAll
    static void start() {
        loops = EventLoops.create(2);
        List<Transform> transforms = new ArrayList<>(Transforms.standard().all());
        transforms.add(new Transform() {
            public String name() {
                return "explode";
            }

            public String description() {
                return "always throws";
            }

            public String apply(String poem) {
                throw new IllegalStateException("boom");
            }
        });
        TransformServer.Settings settings = new TransformServer.Settings(new Transforms(transforms), 1000, Duration.ofMillis(300), Verbosity.VERBOSE);
        server = TransformServer.start(loops, "127.0.0.1", 0, ServerLimits.DEFAULT, settings);
    }

    @AfterAll
    static void stop() {
        server.close();
        loops.close();
    }

    @Test
    void answersTheTutorialsHandCheck() throws Exception {
        byte[] reply = Loopback.exchange(server.port(), ascii("27:cummingsify.HERE IS MY POEM,"));
        assertEquals("15:here is my poem,", new String(reply, StandardCharsets.US_ASCII));
    }

    @Test
    void transformsAMultiBytePoem() throws Exception {
        String poem = Files.readString(Loopback.poem("alla_sera.txt"));
        byte[] request = netstring(("shout." + poem).getBytes(StandardCharsets.UTF_8));
        byte[] expected = netstring(Transforms.standard().find("shout").orElseThrow().apply(poem).getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(expected, Loopback.exchange(server.port(), request));
    }

    /** Python's lower() (the tutorial's server) ends a word in a final sigma before a hyphen; the JDK's word rule did not. */
    @Test
    void cummingsifiesAFinalSigmaAsThePythonServerDoes() throws Exception {
        String poem = "\u0395\u039b\u039b\u0397\u039d\u039f\u03a3-\u0391\u039c\u0395\u03a1\u0399\u039a\u0391\u039d\u039f\u03a3";
        String python = "\u03b5\u03bb\u03bb\u03b7\u03bd\u03bf\u03c2-\u03b1\u03bc\u03b5\u03c1\u03b9\u03ba\u03b1\u03bd\u03bf\u03c2";
        byte[] reply = Loopback.exchange(server.port(), netstring(("cummingsify." + poem).getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(netstring(python.getBytes(StandardCharsets.UTF_8)), reply);
    }

    @Test
    void transformsAnEmptyPoem() throws Exception {
        assertEquals("0:,", new String(Loopback.exchange(server.port(), ascii("10:backwards.,")), StandardCharsets.US_ASCII));
    }

    @Test
    void answersARequestSentOneByteAtATime() throws Exception {
        byte[] request = ascii("17:cummingsify.ABC\nD,");
        try (Socket socket = Loopback.connect(server.port())) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            for (byte b : request) {
                out.write(b);
                out.flush();
            }
            assertEquals("5:abc\nd,", new String(Loopback.readToEnd(socket.getInputStream()), StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "015:cummingsify.x,",         // leading zero
        "1001:",                      // over --max-length, refused from the digits
        "99999999999999999999:",      // absurdly over, no overflow
        "13:cummingsify.x;",          // missing comma
        "x:cummingsify.x,",           // not a length at all
        "11:cummingsify,",            // no '.'
        "10:sonnetize.,",             // unknown transform
        "9:explode.x,",               // a transform that throws
        "5:shout,",                   // no dot, short
    })
    void closesWithoutAReplyOnBadInputAndStaysUp(String bad) throws Exception {
        assertTrue(Loopback.closedWithoutReply(server.port(), ascii(bad)), bad);
        assertWellBehavedClientSucceeds();
    }

    @Test
    void closesWithoutAReplyOnInvalidUtf8() throws Exception {
        byte[] request = {'8', ':', 's', 'h', 'o', 'u', 't', '.', (byte) 0xc3, '(', ','};
        assertTrue(Loopback.closedWithoutReply(server.port(), request));
        assertWellBehavedClientSucceeds();
    }

    @Test
    void closesAClientThatSendsHalfARequestAndGoesQuiet() throws Exception {
        long start = System.nanoTime();
        assertTrue(Loopback.closedWithoutReply(server.port(), ascii("30:cummingsify.half")));
        long waited = System.nanoTime() - start;
        assertTrue(waited >= Duration.ofMillis(250).toNanos(), "closed after the idle timeout, not before: " + waited);
        assertWellBehavedClientSucceeds();
    }

    @Test
    void shrugsOffAClientThatHangsUpEarly() throws Exception {
        for (int i = 0; i < 10; i++) {
            try (Socket early = Loopback.connect(server.port())) {
                early.getOutputStream().write(ascii("40:cummingsify.not all of"));
            }
        }
        assertWellBehavedClientSucceeds();
    }

    /** A request over the inline limit waits for a worker; a client that half-closes meanwhile still wants its reply. */
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"EPOLL", "IO_URING", "NIO"})
    void answersAClientThatShutsDownItsSendingSideAfterALargeRequest(Transport transport) throws Exception {
        assumeTrue(EventLoops.whyUnavailable(transport).isEmpty(), transport + " is not available here");
        TransformServer.Settings settings = new TransformServer.Settings(Transforms.standard(), 1 << 20,
                Duration.ofSeconds(5), Verbosity.NORMAL);
        String poem = "ABC\n".repeat(50_000);
        try (EventLoops own = EventLoops.create(1, transport);
             RunningServer halfClosed = TransformServer.start(own, "127.0.0.1", 0, ServerLimits.DEFAULT, settings);
             Socket socket = Loopback.connect(halfClosed.port())) {
            socket.getOutputStream().write(netstring(("cummingsify." + poem).getBytes(StandardCharsets.US_ASCII)));
            socket.shutdownOutput();
            byte[] expected = netstring(poem.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals(expected, Loopback.readToEnd(socket.getInputStream()));
        }
    }

    /** A client that shuts down its sending side before its request is whole can send no more: closed at once, not at the timeout. */
    @Test
    void closesAClientThatShutsDownItsSendingSideMidRequestAtOnce() throws Exception {
        TransformServer.Settings settings = new TransformServer.Settings(Transforms.standard(), 1000,
                Duration.ofSeconds(20), Duration.ofSeconds(20), 1, 8, Verbosity.NORMAL);
        try (RunningServer halfClosed = TransformServer.start(loops, "127.0.0.1", 0, ServerLimits.DEFAULT, settings);
             Socket socket = Loopback.connect(halfClosed.port())) {
            socket.getOutputStream().write(ascii("30:cummingsify.half"));
            socket.shutdownOutput();
            assertEquals(0, Loopback.readToEnd(socket.getInputStream()).length, "no reply to half a request");
        }
    }

    @Test
    void ignoresASecondRequestOnTheSameConnection() throws Exception {
        byte[] reply = Loopback.exchange(server.port(), ascii("13:cummingsify.A,13:cummingsify.B,"));
        assertEquals("1:a,", new String(reply, StandardCharsets.US_ASCII));
    }

    @Test
    void closesAClientThatDripsItsRequestPastTheDeadline() throws Exception {
        TransformServer.Settings settings = new TransformServer.Settings(Transforms.standard(), 1000,
                Duration.ofSeconds(1), Duration.ofMillis(1500), 1, 8, Verbosity.NORMAL);
        try (RunningServer dripped = TransformServer.start(loops, "127.0.0.1", 0, ServerLimits.DEFAULT, settings);
             Socket socket = Loopback.connect(dripped.port())) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            out.write(ascii("999:"));
            // A byte every 200 ms never lets the 1 s silence bound fire; only the deadline can end this.
            try {
                while (System.nanoTime() - start < Duration.ofSeconds(10).toNanos()) {
                    out.write('x');
                    out.flush();
                    socket.setSoTimeout(200);
                    try {
                        if (socket.getInputStream().read() < 0) {
                            break;
                        }
                        throw new AssertionError("the server replied to half a request");
                    } catch (java.net.SocketTimeoutException stillOpen) {
                        // the server has not closed yet: drip on
                    }
                }
            } catch (java.net.SocketException reset) {
                // closed while we were writing: the same outcome
            }
            long waited = System.nanoTime() - start;
            assertTrue(waited >= Duration.ofMillis(1400).toNanos(), "closed at the deadline, not before: " + waited);
            assertTrue(waited < Duration.ofSeconds(8).toNanos(), "closed near the deadline: " + waited);
        }
    }

    /** With one event loop, a transform that takes as long as it likes must not hold up anyone else's. */
    @Test
    void aCostlyTransformInProgressDoesNotDelayASmallRequest() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Transform stall = new Transform() {
            public String name() {
                return "stall";
            }

            public String description() {
                return "waits for the test";
            }

            public String apply(String poem) {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return poem;
            }
        };
        List<Transform> transforms = new ArrayList<>(Transforms.standard().all());
        transforms.add(stall);
        TransformServer.Settings settings = new TransformServer.Settings(new Transforms(transforms), 2 << 20,
                Duration.ofSeconds(5), Duration.ofSeconds(10), 2, 8, Verbosity.NORMAL);
        try (EventLoops oneLoop = EventLoops.create(1);
             RunningServer single = TransformServer.start(oneLoop, "127.0.0.1", 0, ServerLimits.DEFAULT, settings);
             Socket stalled = Loopback.connect(single.port())) {
            String padding = "y".repeat(TransformServerHandler.INLINE_LIMIT); // large enough for a worker
            stalled.getOutputStream().write(ascii((7 + padding.length()) + ":stall.x" + padding + ","));
            assertTrue(started.await(10, TimeUnit.SECONDS), "the stalling transform started");
            long start = System.nanoTime();
            assertEquals("3:abc,", new String(Loopback.exchange(single.port(), ascii("15:cummingsify.ABC,")), StandardCharsets.US_ASCII));
            String bigPoem = "\u0130".repeat(1 << 19);
            byte[] big = netstring(("cummingsify." + bigPoem).getBytes(StandardCharsets.UTF_8));
            byte[] expected = netstring(CaseMapping.lower(bigPoem).getBytes(StandardCharsets.UTF_8));
            assertArrayEquals(expected, Loopback.exchange(single.port(), big), "1 MiB of \u0130, answered while the loop is free");
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(8).toNanos(), "answered while the other transform still runs");
            release.countDown();
            assertEquals((1 + padding.length()) + ":x" + padding + ",", new String(Loopback.readToEnd(stalled.getInputStream()), StandardCharsets.US_ASCII));
        } finally {
            release.countDown();
        }
    }

    @Test
    void workersAreDaemonThreadsThatEndWithTheLoops() throws Exception {
        TransformServer.Settings settings = new TransformServer.Settings(Transforms.standard(), 1 << 20,
                Duration.ofSeconds(5), Duration.ofSeconds(5), 1, 8, Verbosity.NORMAL);
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        EventLoops ownLoops = EventLoops.create(1);
        String poem = "A".repeat(TransformServerHandler.INLINE_LIMIT); // large enough for a worker
        try (RunningServer own = TransformServer.start(ownLoops, "127.0.0.1", 0, ServerLimits.DEFAULT, settings)) {
            byte[] reply = Loopback.exchange(own.port(), netstring(("cummingsify." + poem).getBytes(StandardCharsets.US_ASCII)));
            assertArrayEquals(netstring(poem.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII)), reply);
        }
        List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("poetry-transform") && !before.contains(t)).toList();
        assertTrue(!workers.isEmpty() && workers.stream().allMatch(Thread::isDaemon), workers.toString());
        ownLoops.close();
        for (Thread worker : workers) {
            worker.join(5_000);
        }
        assertTrue(workers.stream().noneMatch(Thread::isAlive), "the pool was shut down with the loops");
    }

    private static void assertWellBehavedClientSucceeds() throws Exception {
        assertEquals("3:abc,", new String(Loopback.exchange(server.port(), ascii("15:cummingsify.ABC,")), StandardCharsets.US_ASCII));
    }

    private static byte[] netstring(byte[] payload) {
        byte[] head = ascii(payload.length + ":");
        byte[] frame = new byte[head.length + payload.length + 1];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(payload, 0, frame, head.length, payload.length);
        frame[frame.length - 1] = ',';
        return frame;
    }
}
