package dev.poetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileDescriptorsTest {

    @Test
    void theSoftLimitIsReadFromTheLinuxTable() {
        List<String> table = List.of(
                "Limit                     Soft Limit           Hard Limit           Units     ",
                "Max processes             63304                63304                processes ",
                "Max open files            1024                 524288               files     ",
                "Max locked memory         8388608              8388608              bytes     ");
        assertEquals(Optional.of(1024L), FileDescriptors.fromProcLimits(table));
    }

    @Test
    void anUnlimitedOrMissingLimitIsNone() {
        assertEquals(Optional.empty(), FileDescriptors.fromProcLimits(List.of("Max open files            unlimited            unlimited            files     ")));
        assertEquals(Optional.empty(), FileDescriptors.fromProcLimits(List.of("Max processes             63304                63304                processes ")));
    }

    @Test
    void theLimitReadIsTheOneTheJvmReports() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            assertEquals(Optional.of(unix.getMaxFileDescriptorCount()), FileDescriptors.limit());
        }
    }
}
