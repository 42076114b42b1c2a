package dev.poetry.server.transform;

import io.netty.buffer.ByteBuf;
import java.util.Locale;

/**
 * Lower and upper case as Python's {@code str.lower()/upper()} give them, which the tutorial's
 * transform server calls: the JDK's {@code toLowerCase/toUpperCase(Locale.ROOT)} of each code point
 * (special casing included), with Python's rule for the final sigma, in time linear in the text.
 *
 * <p>The JDK's calls are quadratic on hostile text: they recopy their whole result each time one
 * character becomes several ({@code İ} to {@code i̇}, {@code ß} to {@code SS}), and they scan a
 * word's boundaries afresh for every capital sigma. Apart from sigma, case in the root locale maps
 * each code point alone, so we call the JDK on short pieces, which bounds each call's recopying, and
 * decide every sigma ourselves from its neighbours.
 */
final class CaseMapping {

    /** Chars per JDK call: small enough that a call's recopying is bounded, large enough to amortise the call. */
    private static final int PIECE = 64;

    private static final char CAPITAL_SIGMA = '\u03a3';
    private static final char SMALL_SIGMA = '\u03c3';
    private static final char FINAL_SIGMA = '\u03c2';
    /** The one character that lowers to two in the root locale, whatever its neighbours: i and a combining dot. */
    private static final char CAPITAL_I_WITH_DOT = '\u0130';
    private static final String I_WITH_DOT_LOWERED = "i\u0307";

    private CaseMapping() {
    }

    static String lower(String text) {
        if (isAscii(text)) {
            return text.toLowerCase(Locale.ROOT); // no character of ASCII maps to several: already linear
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int start = 0;
        while (start < text.length()) {
            int end = pieceEnd(text, start);
            int special = indexOfSpecial(text, start, end);
            if (special >= 0) {
                end = special;
            }
            if (end > start) {
                out.append(text.substring(start, end).toLowerCase(Locale.ROOT));
            }
            if (special >= 0) {
                if (text.charAt(special) == CAPITAL_I_WITH_DOT) {
                    out.append(I_WITH_DOT_LOWERED);
                } else {
                    out.append(isFinalSigma(text, special) ? FINAL_SIGMA : SMALL_SIGMA);
                }
                end = special + 1;
            }
            start = end;
        }
        return out.toString();
    }

    static String upper(String text) {
        if (isAscii(text)) {
            return text.toUpperCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int start = 0, end; start < text.length(); start = end) {
            end = pieceEnd(text, start);
            out.append(text.substring(start, end).toUpperCase(Locale.ROOT));
        }
        return out.toString();
    }

    /** {@link #lower} of ASCII, where the bytes lie: only A to Z change. */
    static void lowerAscii(ByteBuf bytes, int index, int length) {
        flipCase(bytes, index, length, 'A', 'Z');
    }

    /** {@link #upper} of ASCII, where the bytes lie: only a to z change. */
    static void upperAscii(ByteBuf bytes, int index, int length) {
        flipCase(bytes, index, length, 'a', 'z');
    }

    /**
     * Flips the case bit (0x20) of every byte from {@code first} to {@code last}, eight bytes at a time:
     * with every byte below 0x80, adding {@code 0x80 - first} to each sets its top bit exactly when it is
     * at least {@code first}, and no sum carries into the next byte.
     */
    private static void flipCase(ByteBuf bytes, int index, int length, char first, char last) {
        long atLeastFirst = 0x0101010101010101L * (0x80 - first);
        long pastLast = 0x0101010101010101L * (0x80 - last - 1);
        int i = index;
        int end = index + length;
        for (; end - i >= Long.BYTES; i += Long.BYTES) {
            long word = bytes.getLong(i);
            long inRange = (word + atLeastFirst) & ~(word + pastLast) & 0x8080808080808080L;
            if (inRange != 0) {
                bytes.setLong(i, word ^ (inRange >>> 2));
            }
        }
        for (; i < end; i++) {
            byte b = bytes.getByte(i);
            if (b >= first && b <= last) {
                bytes.setByte(i, b ^ 0x20);
            }
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The end of the piece that starts at {@code start}; never between the two halves of a surrogate pair. */
    private static int pieceEnd(String text, int start) {
        int end = Math.min(text.length(), start + PIECE);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return end;
    }

    /** The first capital sigma or dotted capital I, which we lower ourselves. */
    private static int indexOfSpecial(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == CAPITAL_SIGMA || c == CAPITAL_I_WITH_DOT) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Python's rule for a capital sigma, which is Unicode's Final_Sigma: it lowers to final {@code ς}
     * when, skipping case-ignorable characters, a cased letter comes before it and none after it, and
     * to {@code σ} otherwise. (The JDK decides by word boundaries instead, so {@code ΛΟΓΟΣ-ΑΛΛΑ} and
     * {@code Α1Σ} came out otherwise than from the tutorial's Python server.) Each scan stops at the
     * first character that is not case-ignorable, and a sigma is not, so no character is scanned more
     * than twice.
     */
    private static boolean isFinalSigma(String text, int sigma) {
        int before = sigma;
        int cp = -1;
        while (before > 0) {
            cp = text.codePointBefore(before);
            before -= Character.charCount(cp);
            if (!isCaseIgnorable(cp)) {
                break;
            }
            cp = -1;
        }
        if (cp < 0 || !isCased(cp)) {
            return false;
        }
        for (int after = sigma + 1; after < text.length(); after += Character.charCount(cp)) {
            cp = text.codePointAt(after);
            if (!isCaseIgnorable(cp)) {
                return !isCased(cp);
            }
        }
        return true;
    }

    /** Unicode's Cased: lower or upper case (the Other_ properties included, as the JDK's calls include them) or title case. */
    private static boolean isCased(int cp) {
        return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }

    /**
     * Unicode's Case_Ignorable: marks, format characters, modifier letters and symbols, and the
     * apostrophes, full stops and colons that may sit inside a word (Word_Break MidLetter, MidNumLet,
     * Single_Quote), which the JDK has no query for.
     */
    private static boolean isCaseIgnorable(int cp) {
        switch (Character.getType(cp)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT,
                 Character.MODIFIER_LETTER, Character.MODIFIER_SYMBOL -> {
                return true;
            }
            default -> {
                return switch (cp) {
                    case 0x0027, 0x002e, 0x003a, 0x00b7, 0x0387, 0x055f, 0x05f4, 0x2018, 0x2019, 0x2024, 0x2027,
                         0xfe13, 0xfe52, 0xfe55, 0xff07, 0xff0e, 0xff1a -> true;
                    default -> false;
                };
            }
        }
    }
}
