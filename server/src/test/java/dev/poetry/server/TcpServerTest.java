package dev.poetry.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.poetry.net.EventLoops;
import dev.poetry.net.Transport;
import dev.poetry.server.fast.FastPoetryServer;
import dev.poetry.server.slow.SlowPoetryServer;
import dev.poetry.testing.Await;
import dev.poetry.testing.Loopback;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TcpServerTest {

    private static EventLoops loops;

    @BeforeAll
    static void startLoops() {
        loops = EventLoops.create(1);
    }

    @AfterAll
    static void stopLoops() {
        loops.close();
    }

    private static RunningServer slowServer(String iface, int port, byte[] poem, int numBytes, Duration delay) {
        return SlowPoetryServer.start(loops, iface, port, SharedPoem.of(poem), new SlowPoetryServer.Pace(numBytes, delay), ServerLimits.DEFAULT, Verbosity.NORMAL);
    }

    @Test
    void reportsItsRealPortAndNumericAddress() {
        try (RunningServer server = slowServer("localhost", 0, new byte[1], 1, Duration.ZERO)) {
            assertTrue(server.port() > 0);
            assertTrue(server.address().toString().endsWith(":" + server.port()));
        }
    }

    @Test
    void saysWhenThePortIsTaken() {
        try (RunningServer first = slowServer("127.0.0.1", 0, new byte[1], 1, Duration.ZERO)) {
            ServerStartException error = assertThrows(ServerStartException.class,
                    () -> slowServer("127.0.0.1", first.port(), new byte[1], 1, Duration.ZERO));
            assertEquals("port " + first.port() + " on 127.0.0.1 is already in use", error.getMessage());
        }
    }

    @Test
    void saysWhenTheInterfaceIsUnknown() {
        ServerStartException error = assertThrows(ServerStartException.class,
                () -> slowServer("no-such-host.invalid", 0, new byte[1], 1, Duration.ZERO));
        assertEquals("unknown interface 'no-such-host.invalid'", error.getMessage());
    }

    @Test
    void saysWhenThePoemFileIsMissingOrADirectory(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.txt");
        assertEquals("no such file: " + missing,
                assertThrows(ServerStartException.class, () -> SharedPoem.load(missing)).getMessage());
        assertEquals(dir + " is a directory, not a poem",
                assertThrows(ServerStartException.class, () -> SharedPoem.load(dir)).getMessage());
        Path poem = Files.writeString(dir.resolve("p.txt"), "a poem\n");
        assertEquals(7, SharedPoem.load(poem).length());
    }

    @Test
    void gracefulShutdownStopsAcceptingButLetsClientsFinish() throws Exception {
        byte[] poem = "a poem that takes a little while\n".getBytes();
        RunningServer server = slowServer("127.0.0.1", 0, poem, 4, Duration.ofMillis(30));
        int port = server.port();
        try (Socket client = Loopback.connect(port)) {
            InputStream in = client.getInputStream();
            assertEquals(4, in.readNBytes(4).length, "the client is in flight");
            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> server.shutdownGracefully(Duration.ofSeconds(10)));
            server.closeFuture().await(5, TimeUnit.SECONDS);
            assertThrows(ConnectException.class, () -> Loopback.connect(port).close(), "no longer accepting");
            byte[] rest = Loopback.readToEnd(in);
            assertArrayEquals(poem, concat(new String(poem, 0, 4).getBytes(), rest));
            shutdown.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void gracefulShutdownResetsStragglersAfterTheDrainSoNoShortPoemLooksWhole() throws Exception {
        RunningServer server = slowServer("127.0.0.1", 0, new byte[1000], 1, Duration.ofSeconds(1));
        try (Socket client = Loopback.connect(server.port())) {
            InputStream in = client.getInputStream();
            assertEquals(1, in.readNBytes(1).length);
            long start = System.nanoTime();
            server.shutdownGracefully(Duration.ofMillis(200));
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(200 + 1000), "within the drain plus a second");
            assertEquals(0, server.openConnections());
            assertThrows(SocketException.class, () -> Loopback.readToEnd(in), "a reset, never a clean end");
        }
    }

    @Test
    void closeResetsTooRatherThanEndingPoemsCleanly() throws Exception {
        RunningServer server = slowServer("127.0.0.1", 0, new byte[1000], 1, Duration.ofSeconds(1));
        try (Socket client = Loopback.connect(server.port())) {
            assertEquals(1, client.getInputStream().readNBytes(1).length);
            server.close();
            assertThrows(SocketException.class, () -> Loopback.readToEnd(client.getInputStream()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"EPOLL", "IO_URING", "NIO"})
    void aClientThatTakesNoBytesIsResetAtTheWriteDeadline(Transport transport) throws Exception {
        assumeTrue(EventLoops.whyUnavailable(transport).isEmpty(), transport + " is not available here");
        ServerLimits limits = new ServerLimits(100, Duration.ofMillis(300), Duration.ZERO);
        try (EventLoops onTransport = EventLoops.create(1, transport);
             RunningServer server = FastPoetryServer.start(onTransport, "127.0.0.1", 0, SharedPoem.of(new byte[20 << 20]), limits, Verbosity.NORMAL);
             Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(16 * 1024);
            stalled.connect(server.localAddress());
            Await.until(() -> server.openConnections() == 1, Duration.ofSeconds(5), "the client is connected");
            long start = System.nanoTime();
            Await.until(() -> server.openConnections() == 0, Duration.ofSeconds(5), "the stalled client is dropped");
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(300 * 5 / 4 + 1000), "about the deadline");
            stalled.setSoTimeout(Loopback.TIMEOUT_MILLIS);
            assertThrows(SocketException.class, () -> Loopback.readToEnd(stalled.getInputStream()), "reset, not closed");
        }
    }

    /**
     * The bound on a stalled client's kernel memory: every accepted connection has the send buffer
     * that setting SO_SNDBUF to {@link TcpServer#SEND_BUFFER_BYTES} gives (the kernel doubles it),
     * locked, so it has not grown after a 4 MB poem either. The native transports set it on the
     * listener only, and this shows the connections inherit it.
     */
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"EPOLL", "IO_URING", "NIO"})
    void everyConnectionHasTheBoundedSendBuffer(Transport transport) throws Exception {
        assumeTrue(EventLoops.whyUnavailable(transport).isEmpty(), transport + " is not available here");
        SharedPoem poem = SharedPoem.of(new byte[4 << 20]);
        CompletableFuture<Integer> atAccept = new CompletableFuture<>();
        CompletableFuture<Integer> afterThePoem = new CompletableFuture<>();
        ChannelHandler recorder = new SendBufferRecorder(poem, atAccept, afterThePoem);
        try (EventLoops onTransport = EventLoops.create(1, transport)) {
            int expected = sendBufferWhenSetOnTheConnection(onTransport);
            try (RunningServer server = TcpServer.start(onTransport, "127.0.0.1", 0, ServerLimits.DEFAULT, recorder);
                 Socket client = Loopback.connect(server.port())) {
                assertEquals(poem.length(), Loopback.readToEnd(client.getInputStream()).length);
                assertEquals(expected, atAccept.get(5, TimeUnit.SECONDS), "SO_SNDBUF of an accepted connection");
                assertEquals(expected, afterThePoem.get(5, TimeUnit.SECONDS), "SO_SNDBUF after 4 MB: locked, not autotuned");
            }
        }
    }

    /**
     * What a connection's SO_SNDBUF reads on this transport once set to {@link TcpServer#SEND_BUFFER_BYTES}
     * on the connection itself, as every connection did before: the kernel doubles it, and the JDK
     * (NIO) halves what it reads back.
     */
    private static int sendBufferWhenSetOnTheConnection(EventLoops loops) throws ReflectiveOperationException {
        SocketChannel unconnected = loops.socketChannelType().getConstructor().newInstance();
        try {
            unconnected.config().setSendBufferSize(TcpServer.SEND_BUFFER_BYTES);
            return unconnected.config().getSendBufferSize();
        } finally {
            unconnected.unsafe().closeForcibly();
        }
    }

    /** Writes the poem and notes the connection's SO_SNDBUF when it starts and once the poem is sent. */
    @ChannelHandler.Sharable
    private static final class SendBufferRecorder extends ChannelInboundHandlerAdapter {
        private final SharedPoem poem;
        private final CompletableFuture<Integer> atAccept;
        private final CompletableFuture<Integer> afterThePoem;

        SendBufferRecorder(SharedPoem poem, CompletableFuture<Integer> atAccept, CompletableFuture<Integer> afterThePoem) {
            this.poem = poem;
            this.atAccept = atAccept;
            this.afterThePoem = afterThePoem;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            atAccept.complete(sendBuffer(ctx.channel()));
            ctx.writeAndFlush(poem.all()).addListener((ChannelFutureListener) sent -> {
                afterThePoem.complete(sendBuffer(sent.channel()));
                sent.channel().close();
            });
        }

        private static int sendBuffer(Channel channel) {
            return ((SocketChannel) channel).config().getSendBufferSize();
        }
    }

    @Test
    void theFailureSummaryIsWrittenOnTimeEvenWhenTheFloodHasStopped() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        FailureLog failures = new FailureLog(lines::add, Duration.ofMillis(200), 1, System::nanoTime);
        ServerLimits limits = new ServerLimits(100, Duration.ofMillis(100), Duration.ZERO);
        List<Socket> stalled = new ArrayList<>();
        try (RunningServer server = TcpServer.start(loops, "127.0.0.1", 0, limits,
                FastPoetryServer.initializer(SharedPoem.of(new byte[4 << 20]), Verbosity.NORMAL), failures, Duration.ofMillis(200))) {
            for (int i = 0; i < 3; i++) {
                Socket client = new Socket();
                client.setReceiveBufferSize(16 * 1024);
                client.connect(server.localAddress());
                stalled.add(client);
            }
            Await.until(() -> lines.stream().anyMatch(line -> line.startsWith("refused 2 more (write timeout) in the last")),
                    Duration.ofSeconds(5), "a summary with no failure after it: " + lines);
            assertTrue(lines.get(0).matches("Reset 127\\.0\\.0\\.1:\\d+: it took no bytes for 0\\.1 s \\(--write-timeout\\)"), lines.get(0));
        } finally {
            for (Socket client : stalled) {
                client.close();
            }
        }
    }

    @Test
    void aClientThatReadsSlowlyButSteadilyIsNotCutOff() throws Exception {
        ServerLimits limits = new ServerLimits(100, Duration.ofMillis(300), Duration.ZERO);
        byte[] poem = new byte[2 << 20];
        new java.util.Random(7).nextBytes(poem);
        try (RunningServer server = FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(poem), limits, Verbosity.NORMAL);
             Socket slowReader = new Socket()) {
            slowReader.setReceiveBufferSize(16 * 1024);
            slowReader.connect(server.localAddress());
            slowReader.setSoTimeout(Loopback.TIMEOUT_MILLIS);
            InputStream in = slowReader.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[16 * 1024];
            long start = System.nanoTime();
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // the pace is the point here
            }
            assertArrayEquals(poem, got.toByteArray());
            assertTrue(System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(300), "the whole read outlasted the deadline");
        }
    }

    @Test
    void beyondMaxConnectionsANewClientIsResetAtOnceAndAFreedPlaceIsUsedAgain() throws Exception {
        beyondMaxConnections(loops);
    }

    @Test
    void beyondMaxConnectionsOnTheNioTransportToo() throws Exception {
        try (EventLoops nio = EventLoops.createNio(1)) {
            beyondMaxConnections(nio);
        }
    }

    private static void beyondMaxConnections(EventLoops loops) throws Exception {
        ServerLimits limits = new ServerLimits(2, ServerLimits.DEFAULT_WRITE_TIMEOUT, Duration.ZERO);
        try (RunningServer server = SlowPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(new byte[100]),
                new SlowPoetryServer.Pace(1, Duration.ofSeconds(5)), limits, Verbosity.NORMAL);
             Socket first = Loopback.connect(server.port());
             Socket second = Loopback.connect(server.port())) {
            assertEquals(1, first.getInputStream().readNBytes(1).length);
            assertEquals(1, second.getInputStream().readNBytes(1).length);
            try (Socket third = Loopback.connect(server.port())) {
                assertThrows(SocketException.class, () -> Loopback.readToEnd(third.getInputStream()), "turned away with a reset");
            }
            assertEquals(2, server.openConnections());
            first.close();
            Await.until(() -> server.openConnections() == 1, Duration.ofSeconds(5), "the first client's place is free");
            try (Socket fourth = Loopback.connect(server.port())) {
                assertEquals(1, fourth.getInputStream().readNBytes(1).length, "served");
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
