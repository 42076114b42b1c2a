package dev.poetry.client;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The process's limit on open file descriptors ({@code ulimit -n}), where the platform tells it. */
final class FileDescriptors {

    private static final Path LINUX_LIMITS = Path.of("/proc/self/limits");
    /** The soft limit, the one that fails {@code open}: {@code Max open files  1024  524288  files}. */
    private static final Pattern OPEN_FILES = Pattern.compile("^Max open files\\s+(\\d+|unlimited)\\s");

    private FileDescriptors() {
    }

    /** Read once: by the time descriptors run out, reading it again could fail for want of one. */
    private static final Optional<Long> LIMIT = read();

    static Optional<Long> limit() {
        return LIMIT;
    }

    private static Optional<Long> read() {
        try {
            return fromProcLimits(Files.readAllLines(LINUX_LIMITS));
        } catch (IOException | RuntimeException notLinux) {
            return fromManagementBean();
        }
    }

    /**
     * Linux says it in a line of text: reading it costs a client far less start-up than the
     * management bean, whose platform set-up takes tens of milliseconds.
     */
    static Optional<Long> fromProcLimits(List<String> lines) {
        for (String line : lines) {
            Matcher soft = OPEN_FILES.matcher(line);
            if (soft.find()) {
                return soft.group(1).equals("unlimited") ? Optional.empty() : Optional.of(Long.parseLong(soft.group(1)));
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> fromManagementBean() {
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
                long max = unix.getMaxFileDescriptorCount();
                return max > 0 ? Optional.of(max) : Optional.empty();
            }
        } catch (RuntimeException | LinkageError notAvailable) {
            // Without jdk.management there is no limit to report; the caller carries on without one.
        }
        return Optional.empty();
    }
}
