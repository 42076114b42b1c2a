package dev.poetry.client;

import static dev.poetry.client.PoetryClientTest.reasonFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poetry.net.Address;
import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.ServerLimits;
import dev.poetry.server.SharedPoem;
import dev.poetry.server.Verbosity;
import dev.poetry.server.slow.SlowPoetryServer;
import dev.poetry.testing.Await;
import dev.poetry.testing.Loopback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client's bounds over real sockets: size, whole-download time, open connections, resets. */
class ClientLimitsTest {

    private static EventLoops loops;

    @BeforeAll
    static void start() {
        loops = EventLoops.create(1);
    }

    @AfterAll
    static void stop() {
        loops.close();
    }

    private static Address at(int port) {
        return new Address("127.0.0.1", port);
    }

    @Test
    void aPoemWithoutEndFailsAtTheSizeLimitAndItsConnectionIsClosed() throws Exception {
        ClientSettings settings = new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(5)).withMaxBytes(1 << 20);
        try (Peers endless = Peers.endless(); PoetryClient client = new PoetryClient(loops, settings)) {
            long start = System.nanoTime();
            assertEquals("poem longer than 1 MiB (--max-bytes)", reasonFor(client.get(at(endless.port()))));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "failed promptly");
            Await.until(() -> endless.finished() == 1, Duration.ofSeconds(10), "the sender sees the connection closed");
            // What it managed to send is the limit plus what the two sockets' buffers hold: bounded.
            assertTrue(endless.bytesSent() < (1 << 20) + (16 << 20), "sent " + endless.bytesSent());
        }
    }

    @Test
    void theDefaultSizeLimitIsSixtyFourMebibytes() {
        assertEquals(64L << 20, ClientSettings.DEFAULT.maxBytes());
        assertEquals("poem longer than 64 MiB (--max-bytes)", new PoemTooLongException(ClientSettings.DEFAULT_MAX_BYTES).getMessage());
    }

    @Test
    void aDownloadOverItsMaxTimeFailsThoughBytesKeepComing() throws Exception {
        ClientSettings settings = new ClientSettings(Duration.ofSeconds(1), Duration.ofSeconds(1)).withMaxTime(Duration.ofSeconds(1));
        try (EventLoops serverLoops = EventLoops.create(1);
             RunningServer drip = SlowPoetryServer.start(serverLoops, "127.0.0.1", 0, SharedPoem.load(Loopback.poem("ecstasy.txt")),
                     new SlowPoetryServer.Pace(1, Duration.ofMillis(200)), ServerLimits.DEFAULT, Verbosity.QUIET);
             PoetryClient client = new PoetryClient(loops, settings)) {
            long start = System.nanoTime();
            assertEquals("no whole poem within 1 s (--max-time)", reasonFor(client.get(at(drip.port()))));
            long elapsed = System.nanoTime() - start;
            assertTrue(elapsed >= TimeUnit.MILLISECONDS.toNanos(900) && elapsed < TimeUnit.SECONDS.toNanos(4), "took " + elapsed / 1_000_000 + " ms");
        }
    }

    @Test
    void theTransformClientFailsOnAResetMidReply() throws Exception {
        try (Peers rude = Peers.resetting("100:HALF A RE"); TransformClient client = new TransformClient(loops, ClientSettings.DEFAULT)) {
            assertEquals("Connection reset by peer", reasonFor(client.transform(at(rude.port()), "shout", Poem.of("half a reply\n"))));
        }
    }

    @Test
    void neverOpensMoreConnectionsThanItsPermitsAndQueuesTheRest() throws Exception {
        try (Peers server = Peers.holding(100, "a short poem\n");
             Connector connector = new Connector(loops, ClientSettings.DEFAULT, new ConnectionPermits(2))) {
            PoetryClient client = new PoetryClient(connector);
            List<CompletableFuture<Poem>> poems = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                poems.add(client.get(at(server.port())));
            }
            poems.get(7).cancel(true); // a queued download that is cancelled gives back its turn
            for (CompletableFuture<Poem> poem : poems.subList(0, 7)) {
                assertEquals("a short poem\n", poem.get(10, TimeUnit.SECONDS).text());
            }
            assertTrue(server.mostOpen() <= 2, "open at once: " + server.mostOpen());
            // Every permit came back: two more downloads still run.
            assertEquals("a short poem\n", client.get(at(server.port())).get(10, TimeUnit.SECONDS).text());
            assertEquals("a short poem\n", client.get(at(server.port())).get(10, TimeUnit.SECONDS).text());
        }
    }
}
