package dev.poetry.net;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a poetry, transform or proxy server listens, written {@code PORT}, {@code HOST:PORT} or
 * {@code [IPV6]:PORT}. A bare port means {@value #DEFAULT_HOST}, as in the tutorial's clients.
 */
public record Address(String host, int port) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public Address {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host is empty");
        }
        checkPort(port, false);
    }

    /**
     * The one rule for a port number: 1 to 65535 for a server to connect to; a server about to
     * listen may also ask for 0, any free port.
     *
     * @throws IllegalArgumentException {@code port N is out of range (1-65535)}, naming the range that applies
     */
    public static int checkPort(int port, boolean zeroForAnyFreePort) {
        int lowest = zeroForAnyFreePort ? 0 : 1;
        if (port < lowest || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range (" + lowest + "-65535)");
        }
        return port;
    }

    /**
     * Parses {@code PORT}, {@code HOST:PORT} or {@code [IPV6]:PORT}.
     *
     * @throws IllegalArgumentException with a one-line reason that names the text
     */
    public static Address parse(String text) {
        Objects.requireNonNull(text, "text");
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw invalid(text, "expected [IPV6]:PORT");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                host = DEFAULT_HOST;
                port = text;
            } else if (text.indexOf(':') != colon) {
                throw invalid(text, "an IPv6 host must be in brackets, as in [::1]:10001");
            } else {
                host = text.substring(0, colon);
                port = text.substring(colon + 1);
            }
        }
        if (host.isEmpty()) {
            throw invalid(text, "the host is empty");
        }
        return new Address(host, parsePort(text, port));
    }

    private static int parsePort(String text, String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(text, "expected PORT, HOST:PORT or [IPV6]:PORT with a numeric port");
        }
        try {
            return checkPort(Integer.parseInt(port), false);
        } catch (IllegalArgumentException outOfRange) {
            throw invalid(text, outOfRange.getMessage());
        }
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not an address: " + why);
    }

    /** A peer as log lines show it, {@code 127.0.0.1:5555} rather than Java's {@code /127.0.0.1:5555}. */
    public static String describe(SocketAddress peer) {
        if (peer instanceof InetSocketAddress inet && inet.getPort() > 0) {
            return numeric(inet).toString();
        }
        return String.valueOf(peer);
    }

    /**
     * A socket's address as numbers, IPv6 in its short form ({@code [::1]:7}, where the JDK writes
     * {@code 0:0:0:0:0:0:0:1}); a scoped IPv6 address keeps its scope, which only the JDK writes.
     */
    public static Address numeric(InetSocketAddress socket) {
        InetAddress ip = socket.getAddress();
        if (ip == null) {
            return new Address(socket.getHostString(), socket.getPort());
        }
        boolean scoped = ip instanceof Inet6Address v6 && (v6.getScopeId() != 0 || v6.getScopedInterface() != null);
        return new Address(scoped ? ip.getHostAddress() : NetUtil.toAddressString(ip), socket.getPort());
    }

    /** An unresolved socket address, so that name lookup happens where the connection is made. */
    public InetSocketAddress toSocketAddress() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    /**
     * The socket address, resolved, when the host is an IP literal, which needs no lookup; empty for a
     * name (and for an IPv6 literal with a scope, which the JDK's lookup reads). Never blocks.
     */
    public Optional<InetSocketAddress> resolvedIfLiteral() {
        byte[] ip = host.indexOf('%') >= 0 ? null : NetUtil.createByteArrayFromIpAddressString(host);
        if (ip == null) {
            return Optional.empty();
        }
        try {
            // No host name attached: such an address prints as /127.0.0.1, which failure messages rely on.
            return Optional.of(new InetSocketAddress(InetAddress.getByAddress(ip), port));
        } catch (UnknownHostException wrongLength) { // only for an array neither 4 nor 16 bytes long
            throw new IllegalStateException(wrongLength);
        }
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
