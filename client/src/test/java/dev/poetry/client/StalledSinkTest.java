package dev.poetry.client;

import static dev.poetry.client.PoetryClientTest.reasonFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.poetry.net.Address;
import dev.poetry.net.EventLoops;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A sink that stops storing (a disk that hangs) fails the download within the idle timeout, also
 * once the server has closed: the download never waits for it without end.
 */
class StalledSinkTest {

    @Test
    void aSinkThatNeverStoresTheLastChunkFailsTheDownloadAfterTheServerHasClosed() throws Exception {
        List<ByteBuf> held = new CopyOnWriteArrayList<>();
        AsyncPoemSink stuck = chunk -> {
            held.add(chunk);
            return new CompletableFuture<>(); // never stored
        };
        ClientSettings settings = new ClientSettings(Duration.ofSeconds(2), Duration.ofMillis(500));
        try (EventLoops loops = EventLoops.create(1);
             Peers peer = Peers.holding(0, "a short poem, sent at once\n");
             PoetryClient client = new PoetryClient(loops, settings)) {
            CompletableFuture<Long> download = client.downloadInto(new Address("127.0.0.1", peer.port()), stuck);
            assertEquals("could not write the poem as fast as it came: nothing read for 0.5 s while waiting to write",
                    reasonFor(download));
        } finally {
            held.forEach(ByteBuf::release);
        }
    }
}
