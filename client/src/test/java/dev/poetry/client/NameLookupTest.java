package dev.poetry.client;

import static dev.poetry.client.PoetryClientTest.reasonFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.net.Address;
import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import dev.poetry.server.fast.FastPoetryServer;
import dev.poetry.server.slow.SlowPoetryServer;
import java.io.ByteArrayOutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Name lookups never hold up the loop: the client asks a "DNS server" on 127.0.0.1 that never
 * answers, while another download shares the client's only event loop.
 */
class NameLookupTest {

    private static final ClientSettings SETTINGS = new ClientSettings(Duration.ofSeconds(1), Duration.ofSeconds(5));

    private static EventLoops serverLoops;
    private static EventLoops clientLoop;
    private static DatagramSocket silentDns;
    private static Connector connector;
    private static PoetryClient client;

    @BeforeAll
    static void start() throws Exception {
        serverLoops = EventLoops.create(1);
        clientLoop = EventLoops.create(1);
        silentDns = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        connector = new Connector(clientLoop, SETTINGS, ConnectionPermits.unlimited(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), silentDns.getLocalPort()));
        client = new PoetryClient(connector);
    }

    @AfterAll
    static void stop() {
        connector.close();
        clientLoop.close();
        serverLoops.close();
        silentDns.close();
    }

    @Test
    void aHangingLookupDoesNotDelayAnotherTasksChunksAndFailsAfterTheConnectTimeout() throws Exception {
        String text = "a line that takes its time\n".repeat(4);
        SlowPoetryServer.Pace pace = new SlowPoetryServer.Pace(4, Duration.ofMillis(70)); // about 2 s in 27 chunks
        try (RunningServer slow = SlowPoetryServer.start(serverLoops, "127.0.0.1", 0, SharedPoem.of(text.getBytes(StandardCharsets.US_ASCII)),
                pace, ServerLimits.DEFAULT, Verbosity.QUIET)) {
            List<Long> arrivals = new ArrayList<>();
            ByteArrayOutputStream poem = new ByteArrayOutputStream();
            CompletableFuture<Long> download = client.download(new Address("127.0.0.1", slow.port()), chunk -> {
                arrivals.add(System.nanoTime());
                chunk.getBytes(chunk.readerIndex(), poem, chunk.readableBytes());
            });
            long lookupsStart = System.nanoTime();
            List<CompletableFuture<Poem>> hanging = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                hanging.add(client.get(new Address("hangs-" + i + ".example", 10001)));
            }
            for (int i = 0; i < hanging.size(); i++) {
                assertEquals("name lookup of hangs-" + i + ".example took over 1 s", reasonFor(hanging.get(i)));
            }
            long lookupsTook = System.nanoTime() - lookupsStart;
            assertTrue(lookupsTook >= TimeUnit.MILLISECONDS.toNanos(900) && lookupsTook < TimeUnit.SECONDS.toNanos(4),
                    "the lookups failed after " + lookupsTook / 1_000_000 + " ms");

            assertEquals(text.length(), download.get(10, TimeUnit.SECONDS));
            assertEquals(text, poem.toString(StandardCharsets.US_ASCII));
            long longestGap = 0;
            for (int i = 1; i < arrivals.size(); i++) {
                longestGap = Math.max(longestGap, arrivals.get(i) - arrivals.get(i - 1));
            }
            // Lookups that blocked the loop would stop the chunks for a second each, three in a row.
            assertTrue(longestGap < TimeUnit.MILLISECONDS.toNanos(1500), "chunks stopped for " + longestGap / 1_000_000 + " ms");
        }
    }

    @Test
    void localhostAndIpLiteralsNeedNoDnsServer() throws Exception {
        byte[] text = "from the hosts file\n".getBytes(StandardCharsets.US_ASCII);
        try (RunningServer server = FastPoetryServer.start(serverLoops, "127.0.0.1", 0, SharedPoem.of(text), ServerLimits.DEFAULT, Verbosity.QUIET)) {
            assertArrayEquals(text, client.get(new Address("localhost", server.port())).get(10, TimeUnit.SECONDS).bytes());
            assertArrayEquals(text, client.get(new Address("127.0.0.1", server.port())).get(10, TimeUnit.SECONDS).bytes());
        }
    }

    @Test
    void ipLiteralsNeverSetUpTheDnsResolvers() throws Exception {
        byte[] text = "no lookup at all\n".getBytes(StandardCharsets.US_ASCII);
        try (RunningServer server = FastPoetryServer.start(serverLoops, "127.0.0.1", 0, SharedPoem.of(text), ServerLimits.DEFAULT, Verbosity.QUIET);
             Connector literalsOnly = new Connector(clientLoop, SETTINGS, ConnectionPermits.unlimited())) {
            PoetryClient literalClient = new PoetryClient(literalsOnly);
            assertArrayEquals(text, literalClient.get(new Address("127.0.0.1", server.port())).get(10, TimeUnit.SECONDS).bytes());
            assertFalse(literalsOnly.resolversStarted(), "an IP literal started the DNS set-up");
            assertArrayEquals(text, literalClient.get(new Address("localhost", server.port())).get(10, TimeUnit.SECONDS).bytes());
            assertTrue(literalsOnly.resolversStarted());
        }
    }
}
