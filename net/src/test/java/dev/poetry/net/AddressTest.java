package dev.poetry.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @ParameterizedTest
    @CsvSource({
        "10001, 127.0.0.1, 10001, 127.0.0.1:10001",
        "localhost:1, localhost, 1, localhost:1",
        "poems.example:65535, poems.example, 65535, poems.example:65535",
        "[::1]:10002, ::1, 10002, [::1]:10002",
        "[fe80::1%lo]:7, fe80::1%lo, 7, [fe80::1%lo]:7",
    })
    void parses(String text, String host, int port, String shown) {
        Address address = Address.parse(text);
        assertEquals(new Address(host, port), address);
        assertEquals(shown, address.toString());
        assertEquals(address, Address.parse(address.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "host:", ":10001", "0", "65536", "host:99999", "::1:10001", "[::1]", "[::1]10001",
        "[]:1", "10001x", "-5", "host:+5", "123456"})
    void refusesWithTheTextInTheMessage(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Address.parse(text));
        assertEquals(true, error.getMessage().startsWith("'" + text + "' is not an address: "), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "host:70000"})
    void saysWhenThePortIsOutOfRange(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Address.parse(text));
        assertEquals(true, error.getMessage().endsWith("is out of range (1-65535)"), error.getMessage());
    }

    @Test
    void anIpLiteralIsResolvedWithoutALookupAndANameIsNot() throws Exception {
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 10001)),
                new Address("127.0.0.1", 10001).resolvedIfLiteral());
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getByName("::1"), 10001)),
                new Address("::1", 10001).resolvedIfLiteral());
        assertTrue(new Address("localhost", 10001).resolvedIfLiteral().isEmpty());
        assertTrue(new Address("fe80::1%lo", 10001).resolvedIfLiteral().isEmpty(), "a scope is the JDK's to read");
        assertEquals("/127.0.0.1:10001", new Address("127.0.0.1", 10001).resolvedIfLiteral().orElseThrow().toString(),
                "as the JDK prints a literal it was given");
    }

    @Test
    void aSocketsAddressIsWrittenShortIPv6Included() throws Exception {
        assertEquals("[::1]:7", Address.numeric(new InetSocketAddress(InetAddress.getByName("::1"), 7)).toString());
        assertEquals("[2001:db8::2:1]:7",
                Address.numeric(new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:0:0:2:1"), 7)).toString());
        assertEquals("127.0.0.1:7", Address.numeric(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 7)).toString());
        assertEquals("[::1]:7", Address.describe(new InetSocketAddress(InetAddress.getByName("::1"), 7)));
    }
}
