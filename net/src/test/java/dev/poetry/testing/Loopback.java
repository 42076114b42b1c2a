package dev.poetry.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Plain blocking sockets on 127.0.0.1, as the tutorial's clients use, for checking servers from outside. */
public final class Loopback {

    /** How long any test waits for a socket event before it counts as a failure. */
    public static final int TIMEOUT_MILLIS = 10_000;

    private Loopback() {
    }

    public static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    /** Connects, optionally sends {@code request}, and reads until the server closes. */
    public static byte[] exchange(int port, byte[] request) throws IOException {
        try (Socket socket = connect(port)) {
            if (request.length > 0) {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            }
            return readToEnd(socket.getInputStream());
        }
    }

    public static byte[] readAll(int port) throws IOException {
        return exchange(port, new byte[0]);
    }

    public static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server did not close within " + TIMEOUT_MILLIS + " ms; got "
                    + out.size() + " bytes", e);
        }
        return out.toByteArray();
    }

    /** A clean close only after the whole poem: a client that stopped sending may be reset, never given part of it. */
    public static void assertWholeOrReset(byte[] poem, Socket socket) throws IOException {
        byte[] got;
        try {
            got = readToEnd(socket.getInputStream());
        } catch (SocketException reset) {
            return;
        }
        assertArrayEquals(poem, got, "a clean close after " + got.length + " of " + poem.length + " bytes");
    }

    /** True when the server closed the connection (EOF) without sending anything. */
    public static boolean closedWithoutReply(int port, byte[] request) throws IOException {
        try {
            return exchange(port, request).length == 0;
        } catch (SocketException reset) {
            return true; // a close with unread input arrives as a reset
        }
    }

    /** The repository's {@code poetry/} folder, found from the module the test runs in. */
    public static Path poem(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("poetry").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("poetry/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
