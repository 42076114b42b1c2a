package dev.poetry.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.net.Address;
import dev.poetry.net.EventLoops;
import dev.poetry.client.ClientSettings;
import dev.poetry.client.PoetryClient;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.TcpServer;
import dev.poetry.server.Verbosity;
import dev.poetry.server.fast.FastPoetryServer;
import dev.poetry.testing.Await;
import dev.poetry.testing.Loopback;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many clients at once at a proxy whose upstream fails or answers at once: every client ends
 * (reset on a failure, the whole poem otherwise), nothing is logged as an exception, and every
 * descriptor comes back. {@code -Dpoetry.stress.clients=N} sets how many clients (default 20,000).
 */
class ProxyStressTest {

    private static final int CLIENTS = Integer.getInteger("poetry.stress.clients", 20_000);
    private static final int IN_FLIGHT = 500;
    private static final Duration BOUND = Duration.ofSeconds(60);

    private static EventLoops loops;
    private static EventLoops clientLoops;
    private static byte[] poem;

    enum UpstreamKind { REFUSES, RESETS_MID_POEM, COMPLETES_AT_ONCE }

    enum Outcome { WHOLE_POEM, RESET, OTHER }

    @BeforeAll
    static void start() throws IOException {
        loops = EventLoops.create(2);
        clientLoops = EventLoops.create(1);
        poem = Files.readAllBytes(Loopback.poem("alla_sera.txt"));
    }

    @AfterAll
    static void stop() {
        clientLoops.close();
        loops.close();
    }

    @ParameterizedTest
    @EnumSource(UpstreamKind.class)
    void everyClientEndsHonestlyNothingIsLoggedAsAnExceptionAndDescriptorsComeBack(UpstreamKind kind) throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<AutoCloseable> servers = new ArrayList<>();
        try {
            int upstreamPort = switch (kind) {
                case REFUSES -> closedPort();
                case RESETS_MID_POEM -> started(servers, TcpServer.start(loops, "127.0.0.1", 0, ServerLimits.DEFAULT, new ResetMidPoem()));
                case COMPLETES_AT_ONCE -> started(servers, FastPoetryServer.start(loops, "127.0.0.1", 0, SharedPoem.of(poem),
                        ServerLimits.DEFAULT, Verbosity.QUIET));
            };
            PoetryClient client = new PoetryClient(loops, new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(10)));
            Address upstream = new Address("127.0.0.1", upstreamPort);
            // A TTL of a nanosecond: every client that does not join a fetch in flight starts one.
            PoemCache cache = new PoemCache(sink -> client.download(upstream, sink), Optional.of(Duration.ofNanos(1)),
                    64 << 20, System::nanoTime, Verbosity.QUIET);
            RunningServer proxy = PoetryProxy.start(loops, "127.0.0.1", 0, cache, ServerLimits.DEFAULT, Verbosity.QUIET);
            servers.add(proxy);
            Outcome expected = kind == UpstreamKind.COMPLETES_AT_ONCE ? Outcome.WHOLE_POEM : Outcome.RESET;

            System.setErr(new PrintStream(new TeeStream(log, stderr), true, StandardCharsets.UTF_8));
            Tally warmUp = run(proxy.port(), 200);
            assertEquals(Map.of(expected, 200), warmUp.counts(), "warm-up; first surprises: " + warmUp.surprises);
            Await.until(() -> proxy.openConnections() == 0, BOUND, "warm-up connections closed");
            int baseline = openDescriptors();

            long started = System.nanoTime();
            Tally tally = run(proxy.port(), CLIENTS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            stderr.printf("%,d clients at a proxy whose upstream %s: %,d ms, %s, %,d fetches%n",
                    CLIENTS, kind, millis, tally.counts(), cache.fetchesStarted());

            assertEquals(Map.of(expected, CLIENTS), tally.counts(), "first surprises: " + tally.surprises);
            Await.until(() -> proxy.openConnections() == 0, BOUND, "the proxy closed every connection");
            Await.until(() -> openDescriptors() <= baseline, BOUND,
                    "descriptors back to " + baseline + " (now " + openDescriptors() + ")");
        } finally {
            System.setErr(stderr);
            for (AutoCloseable server : servers) {
                server.close();
            }
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        for (String sign : List.of("Exception", "Error", "WARN", "Closing ", "reached at the tail")) {
            assertTrue(!logged.contains(sign), "logged '" + sign + "':\n" + logged.lines().limit(20).reduce("", (a, b) -> a + b + "\n"));
        }
        if (kind != UpstreamKind.COMPLETES_AT_ONCE) {
            assertTrue(logged.contains("Could not fetch the poem"), "the failure is logged (and the log captured):\n" + logged);
        }
    }

    private static int started(List<AutoCloseable> servers, RunningServer server) {
        servers.add(server);
        return server.port();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket reserved = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return reserved.getLocalPort();
        }
    }

    private static int openDescriptors() {
        String[] entries = new File("/proc/self/fd").list();
        return entries == null ? -1 : entries.length;
    }

    /** Connects {@code clients} times, at most {@link #IN_FLIGHT} at once, and tallies how each connection ended. */
    private static Tally run(int port, int clients) throws InterruptedException {
        Tally tally = new Tally();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        Bootstrap bootstrap = new Bootstrap()
                .group(clientLoops.group())
                .channel(clientLoops.socketChannelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new StressClient(tally, slots));
                    }
                });
        for (int i = 0; i < clients; i++) {
            assertTrue(slots.tryAcquire(BOUND.toSeconds(), TimeUnit.SECONDS), "a client slot within " + BOUND + "; " + tally.counts());
            bootstrap.connect(InetAddress.getLoopbackAddress(), port).addListener((ChannelFutureListener) connected -> {
                if (!connected.isSuccess()) {
                    // The proxy may reset before this side has seen its connect complete: a reset all the same.
                    boolean reset = String.valueOf(connected.cause().getMessage()).contains("reset");
                    tally.add(reset ? Outcome.RESET : Outcome.OTHER, "connect: " + connected.cause());
                    slots.release();
                }
            });
        }
        assertTrue(slots.tryAcquire(IN_FLIGHT, BOUND.toSeconds(), TimeUnit.SECONDS), "every client ended; " + tally.counts());
        return tally;
    }

    /** How the test's connections ended. */
    static final class Tally {
        private final Map<Outcome, AtomicInteger> counts = new ConcurrentHashMap<>();
        final List<String> surprises = new java.util.concurrent.CopyOnWriteArrayList<>();

        void add(Outcome outcome, String detail) {
            counts.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
            if (outcome == Outcome.OTHER && surprises.size() < 5) {
                surprises.add(detail);
            }
        }

        Map<Outcome, Integer> counts() {
            Map<Outcome, Integer> plain = new java.util.EnumMap<>(Outcome.class);
            counts.forEach((outcome, count) -> plain.put(outcome, count.get()));
            return plain;
        }
    }

    /** One test client: counts bytes, and says at the end whether it saw the whole poem, a reset or something else. Per channel. */
    private static final class StressClient extends ChannelInboundHandlerAdapter {
        private final Tally tally;
        private final Semaphore slots;
        private long received;
        private Throwable failure;

        StressClient(Tally tally, Semaphore slots) {
            this.tally = tally;
            this.slots = slots;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            received += bytes.readableBytes();
            bytes.release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failure = cause;
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (failure != null && String.valueOf(failure.getMessage()).contains("reset") && received == 0) {
                tally.add(Outcome.RESET, "");
            } else if (failure == null && received == poem.length) {
                tally.add(Outcome.WHOLE_POEM, "");
            } else {
                tally.add(Outcome.OTHER, received + " bytes, then " + (failure == null ? "a clean close" : failure.toString()));
            }
            slots.release();
        }
    }

    /** An upstream that sends the start of a poem, then resets the connection. */
    @Sharable
    private static final class ResetMidPoem extends ChannelInitializer<Channel> {
        @Override
        protected void initChannel(Channel channel) {
            channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    ctx.writeAndFlush(Unpooled.copiedBuffer(poem, 0, 17)).addListener((ChannelFutureListener) sent -> {
                        sent.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                        sent.channel().close();
                    });
                }
            });
        }
    }

    /** Writes to both the captured log and the real stderr. */
    private static final class TeeStream extends java.io.OutputStream {
        private final ByteArrayOutputStream copy;
        private final PrintStream original;

        TeeStream(ByteArrayOutputStream copy, PrintStream original) {
            this.copy = copy;
            this.original = original;
        }

        @Override
        public synchronized void write(int b) {
            copy.write(b);
            original.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            copy.write(b, off, len);
            original.write(b, off, len);
        }
    }
}
