package dev.poetry.server.transform;

import io.netty.buffer.ByteBuf;
import java.text.BreakIterator;
import java.util.Locale;

/**
 * Lower and upper case with exactly the output of {@code String.toLowerCase/toUpperCase(Locale.ROOT)}
 * (Python's {@code str.lower()/upper()}: special casing, the final sigma), in time linear in the text.
 *
 * <p>The JDK's calls are quadratic on hostile text: they recopy their whole result each time one
 * character becomes several ({@code İ} to {@code i̇}, {@code ß} to {@code SS}), and they scan a
 * word's boundaries afresh for every capital sigma. Apart from sigma, case in the root locale maps
 * each code point alone, so we call the JDK on short pieces, which bounds each call's recopying, and
 * decide every sigma ourselves with one pass of word boundaries over the whole text.
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
        SigmaRule sigmas = null;
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
                    if (sigmas == null) {
                        sigmas = new SigmaRule(text);
                    }
                    out.append(sigmas.isFinal(special) ? FINAL_SIGMA : SMALL_SIGMA);
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
     * The JDK's rule for a capital sigma: it lowers to final {@code ς} when its word (by
     * {@link BreakIterator#getWordInstance}) has a cased letter before it and none after it, and to
     * {@code σ} otherwise. Sigmas are asked for in increasing order, so the words are walked once;
     * each scan stops at the first cased letter, and every sigma is cased, so no character is
     * scanned more than twice.
     *
     * <p>Beside a supplementary character the JDK asks its word iterator from inside a surrogate
     * pair, with answers that depend on the iterator's history. There we let the JDK decide, on a
     * short stretch of text around the sigma that holds everything its rule looks at.
     */
    private static final class SigmaRule {

        /** Code points kept on each side of what the rule looks at, so the JDK's iterator sees the same neighbours. */
        private static final int MARGIN = 8;

        private final String text;
        private final BreakIterator words = BreakIterator.getWordInstance(Locale.ROOT);
        private int wordStart;
        private int wordEnd;

        SigmaRule(String text) {
            this.text = text;
            words.setText(text);
            wordEnd = words.first();
        }

        boolean isFinal(int sigma) {
            while (sigma >= wordEnd) {
                wordStart = wordEnd;
                wordEnd = words.next();
            }
            int from = lastCasedBefore(sigma);
            int to = firstCasedEndAfter(sigma);
            if (hasSurrogate(from, to)) {
                return isFinalByTheJdk(sigma, from, to);
            }
            return casedIn(Math.max(wordStart, from), sigma) && !casedIn(sigma + 1, Math.min(wordEnd, to));
        }

        /** Where the last cased code point before {@code sigma} starts, or 0. */
        private int lastCasedBefore(int sigma) {
            int i = sigma;
            while (i > 0) {
                int cp = text.codePointBefore(i);
                i -= Character.charCount(cp);
                if (isCased(cp)) {
                    break;
                }
            }
            return i;
        }

        /** Where the first cased code point after {@code sigma} ends, or the text's end. */
        private int firstCasedEndAfter(int sigma) {
            int i = sigma + 1;
            while (i < text.length()) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                if (isCased(cp)) {
                    break;
                }
            }
            return i;
        }

        private boolean casedIn(int from, int to) {
            for (int i = from, cp; i < to; i += Character.charCount(cp)) {
                cp = text.codePointAt(i);
                if (isCased(cp)) {
                    return true;
                }
            }
            return false;
        }

        private boolean hasSurrogate(int from, int to) {
            for (int i = Math.max(0, from - 2); i < Math.min(text.length(), to + 2); i++) {
                if (Character.isSurrogate(text.charAt(i))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Lowers the stretch from {@code from} to {@code to}, widened by {@link #MARGIN}, with the JDK,
         * every other sigma in it replaced by an alpha (as cased, and the same to the word iterator)
         * so that the JDK decides one sigma only.
         */
        private boolean isFinalByTheJdk(int sigma, int from, int to) {
            int start = from;
            for (int n = 0; n < MARGIN && start > 0; n++) {
                start -= Character.charCount(text.codePointBefore(start));
            }
            int end = to;
            for (int n = 0; n < MARGIN && end < text.length(); n++) {
                end += Character.charCount(text.codePointAt(end));
            }
            String stretch = text.substring(start, end);
            String before = stretch.substring(0, sigma - start).replace(CAPITAL_SIGMA, '\u0391');
            String after = stretch.substring(sigma - start + 1).replace(CAPITAL_SIGMA, '\u0391');
            String lowered = (before + CAPITAL_SIGMA + after).toLowerCase(Locale.ROOT);
            return lowered.charAt(before.toLowerCase(Locale.ROOT).length()) == FINAL_SIGMA;
        }

        /**
         * What the JDK counts as cased for this rule: letters with case, and the fixed set of modifier
         * letters, Roman numerals and circled letters that Unicode marks as other lower or upper case.
         */
        private static boolean isCased(int cp) {
            int type = Character.getType(cp);
            return type == Character.LOWERCASE_LETTER || type == Character.UPPERCASE_LETTER || type == Character.TITLECASE_LETTER
                    || (cp >= 0x02b0 && cp <= 0x02b8) || (cp >= 0x02c0 && cp <= 0x02c1) || (cp >= 0x02e0 && cp <= 0x02e4)
                    || cp == 0x0345 || cp == 0x037a || (cp >= 0x1d2c && cp <= 0x1d61)
                    || (cp >= 0x2160 && cp <= 0x217f) || (cp >= 0x24b6 && cp <= 0x24e9);
        }
    }
}
