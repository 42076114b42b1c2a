package dev.poetry.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether stderr is a terminal. Java 17 cannot ask that of one stream, so we ask Linux's /proc. */
final class Terminal {

    private Terminal() {
    }

    static boolean isStderrATerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false; // not Linux, or no /proc: no live display, which is the safe choice
        }
    }
}
