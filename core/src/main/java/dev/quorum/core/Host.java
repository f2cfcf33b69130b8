package dev.quorum.core;

import java.io.Console;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Quorum asks of the machine it runs on, answered the same way for every stage. */
public final class Host {
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private Host() {
    }

    /**
     * Memory a new process can have without swapping: Linux's MemAvailable (free plus reclaimable cache; MemFree
     * alone is often near zero on a busy Linux machine whose memory is mostly page cache), else what the JVM reports
     * free, else {@code fallback}.
     */
    public static long availableMemory(long fallback) {
        try {
            for (String line : Files.readAllLines(MEMINFO)) {
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
        return fallback;
    }

    /** Whether a person is watching: standard streams on a terminal, not a pipe, a file or a CI log. */
    public static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // From JDK 22 a console exists even when redirected; isTerminal() tells them apart.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console is only there for a terminal
        }
    }
}
