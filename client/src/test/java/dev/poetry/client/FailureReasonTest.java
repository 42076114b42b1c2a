package dev.poetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelException;
import java.io.IOException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailureReasonTest {

    @Test
    void namesRunningOutOfDescriptorsFromInsideAWrapper() {
        // What Netty throws when socket() fails with EMFILE: the words that matter are in the cause.
        Throwable failure = new CompletionException(new ChannelException(
                "Unable to create Channel from class class io.netty.channel.epoll.EpollSocketChannel",
                new SocketException("newSocketStream(..) failed: Too many open files")));
        String reason = FailureReason.of(failure);
        assertTrue(reason.matches("too many open files \\((limit \\d+; )?see ulimit -n\\)"), reason);
        assertTrue(FailureReason.isTooManyOpenFiles(failure));
    }

    @Test
    void neverAnswersWithAClassName() {
        assertEquals("unexpected failure", FailureReason.of(new NullPointerException()));
        assertEquals("internal error", FailureReason.of(new NoClassDefFoundError("Could not initialize class io.netty.buffer.Unpooled")));
        assertEquals("input/output error", FailureReason.of(new IOException()));
        assertEquals("Connection reset by peer", FailureReason.of(new ChannelException("Unable to create Channel from class X",
                new IOException("readAddress(..) failed with error(-104): Connection reset by peer"))));
        assertFalse(FailureReason.of(new ChannelException("Unable to create Channel from class X", new IllegalStateException()))
                .contains("class"));
    }

    @Test
    void keepsTheMessagesItAlwaysGave() {
        assertEquals("unknown host example.invalid", FailureReason.of(new java.net.UnknownHostException("example.invalid")));
        assertEquals("Connection refused", FailureReason.of(new java.net.ConnectException("Connection refused: /127.0.0.1:1")));
        assertEquals("no data for 0.5 s", FailureReason.of(new NoDataException(java.time.Duration.ofMillis(500))));
    }

    @Test
    void aResetReadsTheSameOnEveryTransport() {
        // NIO's words (the JDK's) for ECONNRESET, then epoll's and io_uring's (Netty's native ones).
        assertEquals("Connection reset by peer", FailureReason.of(new SocketException("Connection reset")));
        assertEquals("Connection reset by peer", FailureReason.of(new IOException("recvAddress(..) failed with error(-104): Connection reset by peer")));
        assertEquals("Connection reset by peer", FailureReason.of(new IOException("io_uring read(..) failed with error(-104): Connection reset by peer")));
    }
}
