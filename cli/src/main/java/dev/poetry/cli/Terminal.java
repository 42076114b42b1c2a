package dev.poetry.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether stderr can show a live progress line. */
final class Terminal {

    private Terminal() {
    }

    /** Stderr is a terminal that understands the one escape sequence we use to clear a line. */
    static boolean canShowProgress() {
        return understandsEscapes(System.getenv("TERM")) && isStderrATerminal();
    }

    /** No TERM, or TERM=dumb (Emacs' shell, some CI logs): no cursor movement, so no live line. */
    static boolean understandsEscapes(String term) {
        return term != null && !term.isBlank() && !term.equals("dumb");
    }

    /** Java 17 cannot ask that of one stream, so we ask Linux's /proc. */
    static boolean isStderrATerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false; // not Linux, or no /proc: no live display, which is the safe choice
        }
    }
}
