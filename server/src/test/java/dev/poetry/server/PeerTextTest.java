package dev.poetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PeerTextTest {

    @Test
    void plainTextIsQuotedAsItIs() {
        assertEquals("'cummingsify'", PeerText.quote("cummingsify"));
        assertEquals("'über ß'", PeerText.quote("über ß"));
    }

    @Test
    void aNewlineCannotForgeALogLine() {
        assertEquals("'x\\n2026-01-01 INFO forged'", PeerText.quote("x\n2026-01-01 INFO forged"));
    }

    @Test
    void terminalControlsAreEscaped() {
        assertEquals("'\\x1b[2J\\x1b[31m\\r\\x07\\x00\\x7f\\x9b'", PeerText.quote("\u001b[2J\u001b[31m\r\u0007\u0000\u007f\u009b"));
    }

    @Test
    void bidiControlsAreEscaped() {
        assertEquals("'a\\u202eb\\u2066c\\u200f'", PeerText.quote("a\u202eb\u2066c\u200f"));
    }

    @Test
    void longTextIsCutWithItsLengthNoted() {
        String quoted = PeerText.quote("x".repeat(1_048_576));
        assertTrue(quoted.endsWith("'... (1048576 chars)"), quoted);
        assertEquals(PeerText.MAX_CHARS + 2 + "... (1048576 chars)".length(), quoted.length());
        assertFalse(PeerText.quote("x".repeat(PeerText.MAX_CHARS)).contains("chars)"));
    }
}
