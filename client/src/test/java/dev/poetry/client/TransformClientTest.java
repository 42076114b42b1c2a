package dev.poetry.client;

import dev.poetry.server.ServerLimits;
import dev.poetry.server.Verbosity;
import static dev.poetry.client.PoetryClientTest.closedPort;
import static dev.poetry.client.PoetryClientTest.reasonFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.poetry.net.Address;
import dev.poetry.net.EventLoops;
import dev.poetry.server.RunningServer;
import dev.poetry.server.transform.TransformServer;
import dev.poetry.server.transform.Transforms;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TransformClientTest {

    private static EventLoops loops;
    private static RunningServer server;
    private static TransformClient client;

    @BeforeAll
    static void start() {
        loops = EventLoops.create(1);
        server = TransformServer.start(loops, "127.0.0.1", 0, ServerLimits.DEFAULT,
                new TransformServer.Settings(Transforms.standard(), 1 << 20, Duration.ofSeconds(5), Verbosity.NORMAL));
        client = new TransformClient(loops, ClientSettings.DEFAULT);
    }

    @AfterAll
    static void stop() {
        server.close();
        loops.close();
    }

    private static Address at(RunningServer running) {
        return new Address("127.0.0.1", running.port());
    }

    private static String transform(String name, String poem) throws Exception {
        return client.transform(at(server), name, Poem.of(poem)).get(10, TimeUnit.SECONDS).text();
    }

    @Test
    void transforms() throws Exception {
        assertEquals("\u00e0 la sera\n", transform("cummingsify", "\u00c0 LA SERA\n"));
        assertEquals("B\nA\n", transform("backwards", "A\nB\n"));
        assertEquals("", transform("shout", ""));
    }

    @Test
    void anUnknownTransformIsANoReply() {
        assertEquals("the server closed the connection without a reply",
                reasonFor(client.transform(at(server), "sonnetize", Poem.of("a poem"))));
    }

    @Test
    void aDeadServerIsRefused() throws Exception {
        assertEquals("Connection refused", reasonFor(client.transform(new Address("127.0.0.1", closedPort()), "shout", Poem.of("x"))));
    }
}
