package dev.poetry.client;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/** The process's limit on open file descriptors ({@code ulimit -n}), where the platform tells it. */
final class FileDescriptors {

    private FileDescriptors() {
    }

    /** Read once: by the time descriptors run out, reading it again could fail for want of one. */
    private static final Optional<Long> LIMIT = read();

    static Optional<Long> limit() {
        return LIMIT;
    }

    private static Optional<Long> read() {
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
