package dev.poetry.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;

/**
 * Fails a test class in which anything blocked an event-loop thread. Registered for every test
 * class like {@link LeakCheckExtension}. BlockHound instruments the JDK's blocking methods; Netty's
 * own BlockHound integration (found on the class path) marks its event-loop threads as ones that
 * must not block and allows the few places where Netty blocks on purpose. A blocking call on a
 * loop throws {@link BlockingOperationError} there, which code may swallow, so it is also recorded
 * here and reported after the class.
 */
public final class BlockingCallCheckExtension implements AfterAllCallback {

    private static final List<String> BLOCKED = new ArrayList<>();
    /** What {@code FileChannel.open} returns for a file: Files.write, newOutputStream and friends end up in it too. */
    private static final String FILE_CHANNEL = "sun.nio.ch.FileChannelImpl";

    static {
        BlockHound.install(builder -> builder
                // The JDK's name lookup blocks for as long as DNS takes, yet BlockHound does not know it.
                .markAsBlocking("java.net.InetAddress", "getAllByName", "(Ljava/lang/String;)[Ljava/net/InetAddress;")
                .markAsBlocking("java.net.InetAddress", "getByName", "(Ljava/lang/String;)Ljava/net/InetAddress;")
                // Netty's io_uring loop spins briefly while closing its ring, after its last task;
                // its BlockHound integration (4.2.18) does not list that yet.
                .allowBlockingCallsInside("io.netty.channel.uring.IoUringIoHandler", "destroy")
                // BlockHound lists FileOutputStream's writes but not FileChannel's, which wait for the disk just the same.
                .markAsBlocking(FILE_CHANNEL, "write", "(Ljava/nio/ByteBuffer;)I")
                .markAsBlocking(FILE_CHANNEL, "write", "([Ljava/nio/ByteBuffer;II)J")
                .markAsBlocking(FILE_CHANNEL, "write", "(Ljava/nio/ByteBuffer;J)I")
                .markAsBlocking(FILE_CHANNEL, "read", "(Ljava/nio/ByteBuffer;)I")
                .markAsBlocking(FILE_CHANNEL, "read", "([Ljava/nio/ByteBuffer;II)J")
                .markAsBlocking(FILE_CHANNEL, "read", "(Ljava/nio/ByteBuffer;J)I")
                .markAsBlocking(FILE_CHANNEL, "force", "(Z)V")
                .blockingMethodCallback(BlockingCallCheckExtension::blocked));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> blocked = collectBlockedCalls();
        if (!blocked.isEmpty()) {
            fail(blocked.size() + " blocking call(s) on an event loop in " + context.getDisplayName() + ":\n" + String.join("\n", blocked));
        }
    }

    /** What blocked a loop since the last call, and forgets it. */
    public static List<String> collectBlockedCalls() {
        synchronized (BLOCKED) {
            List<String> copy = List.copyOf(BLOCKED);
            BLOCKED.clear();
            return copy;
        }
    }

    private static void blocked(BlockingMethod method) {
        String where = Arrays.stream(new Throwable().getStackTrace()).limit(24)
                .map(frame -> "\tat " + frame).collect(Collectors.joining("\n"));
        synchronized (BLOCKED) {
            BLOCKED.add(method + " on " + Thread.currentThread().getName() + "\n" + where);
        }
        throw new BlockingOperationError(method);
    }
}
