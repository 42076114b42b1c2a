package dev.poetry.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.poetry.server.Verbosity;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The handler alone: a reset on failure needs real sockets, see {@link PoetryProxyTest}. */
class PoetryProxyHandlerTest {

    private final FakeUpstream upstream = new FakeUpstream();
    private final PoemCache cache = new PoemCache(upstream, Optional.empty(), 1 << 20, System::nanoTime, Verbosity.NORMAL);

    @Test
    void thePoemIsWrittenOnTheClientsOwnLoopNotTheThreadThatCompletedTheFetch() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new PoetryProxyHandler(cache, Verbosity.NORMAL));
        Thread upstreamLoop = new Thread(() -> upstream.get(0).finish("a poem\n"), "upstream-loop");
        upstreamLoop.start();
        upstreamLoop.join(10_000);
        assertNull(channel.readOutbound(), "nothing written from the upstream's thread");
        channel.runPendingTasks();
        ByteBuf written = channel.readOutbound();
        assertEquals("a poem\n", written.toString(StandardCharsets.UTF_8));
        written.release();
        assertFalse(channel.isOpen(), "closed after the whole poem");
    }
}
