package dev.quorum.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** How many instances to grade at once. */
final class Workers {
    /** A Maven build with its forked test JVM in a sandbox wants about this much. */
    static final long MEMORY_PER_WORKER = 3L << 30;

    private Workers() {
    }

    static int resolve(int requested) {
        return requested > 0 ? requested : byDefault(Runtime.getRuntime().availableProcessors(), availableMemory());
    }

    /** min(cores, available memory / 3 GiB), at least 1. */
    static int byDefault(int cores, long availableMemoryBytes) {
        long byMemory = availableMemoryBytes / MEMORY_PER_WORKER;
        return (int) Math.max(1, Math.min(cores, byMemory));
    }

    /** MemAvailable (free plus reclaimable cache) where Linux tells it; the JVM's free physical memory otherwise. */
    static long availableMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException | SecurityException ignored) {
            // not Linux: fall through to what the JVM knows
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getFreeMemorySize();
        }
        return MEMORY_PER_WORKER;
    }
}
