package dev.quorum.harness;

import dev.quorum.core.Host;

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

    static long availableMemory() {
        return Host.availableMemory(MEMORY_PER_WORKER);
    }
}
