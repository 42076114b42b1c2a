package dev.poetry.server;

/**
 * Text a peer sent, made safe to quote in a log line: control characters, DEL and the Unicode
 * bidi controls are escaped ({@code \n}, {@code \x1b}, {@code \u202e}), so a peer can neither
 * forge a log line nor drive the operator's terminal, and anything longer than
 * {@value #MAX_CHARS} characters is cut, with its full length noted.
 */
public final class PeerText {

    /** The most characters of peer text a log line quotes. */
    public static final int MAX_CHARS = 64;

    private PeerText() {
    }

    /** {@code text} escaped and cut, in single quotes: {@code 'abc\n...' (1048576 chars)}. */
    public static String quote(CharSequence text) {
        StringBuilder quoted = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16).append('\'');
        int shown = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < shown; i++) {
            escape(text.charAt(i), quoted);
        }
        quoted.append('\'');
        if (shown < text.length()) {
            quoted.append("... (").append(text.length()).append(" chars)");
        }
        return quoted.toString();
    }

    private static void escape(char c, StringBuilder out) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            case '\'' -> out.append("\\'");
            default -> {
                if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                    out.append(String.format("\\x%02x", (int) c));
                } else if (isFormatControl(c)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
    }

    /**
     * Bidi controls (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069), the line and
     * paragraph separators, and lone surrogates: invisible characters that change how a line reads.
     */
    private static boolean isFormatControl(char c) {
        return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c);
    }
}
