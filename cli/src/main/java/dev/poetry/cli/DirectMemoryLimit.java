package dev.poetry.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/** How much direct memory this JVM lets the program take: -XX:MaxDirectMemorySize, or the JDK's default, the heap's maximum. */
final class DirectMemoryLimit {

    private DirectMemoryLimit() {
    }

    static long limit() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long set = Long.parseLong(hotspot.getVMOption("MaxDirectMemorySize").getValue());
            return set > 0 ? set : Runtime.getRuntime().maxMemory();
        } catch (RuntimeException | LinkageError notHotSpot) {
            return Runtime.getRuntime().maxMemory(); // what the JDK itself falls back to
        }
    }
}
