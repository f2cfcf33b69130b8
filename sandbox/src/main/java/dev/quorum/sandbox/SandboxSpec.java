package dev.quorum.sandbox;

import java.util.Objects;

/**
 * How to make a sandbox.
 *
 * @param image       the image to start from (an env image, or the base image); ignored by the local backend
 * @param limits      resource limits for everything run inside
 * @param outputCap   bytes of a command's output kept (the rest is counted and noted as truncated)
 */
public record SandboxSpec(String image, Limits limits, int outputCap) {

    public static final int DEFAULT_OUTPUT_CAP = 1 << 20;

    public SandboxSpec {
        Objects.requireNonNull(image, "image");
        limits = limits == null ? Limits.defaults() : limits;
        if (outputCap <= 0) {
            throw new IllegalArgumentException("outputCap must be positive, was " + outputCap);
        }
    }

    public static SandboxSpec of(String image) {
        return new SandboxSpec(image, Limits.defaults(), DEFAULT_OUTPUT_CAP);
    }

    public SandboxSpec withLimits(Limits newLimits) {
        return new SandboxSpec(image, newLimits, outputCap);
    }

    /**
     * @param cpus        CPU share (1.5 = one and a half cores)
     * @param memoryBytes memory limit, swap included
     * @param pids        most processes and threads at once (stops fork bombs)
     * @param diskBytes   most bytes the sandbox may write (workspace, build output, temporary files), so that a
     *                    test writing without end cannot fill the host's disk
     */
    public record Limits(double cpus, long memoryBytes, long pids, long diskBytes) {
        public static final long DEFAULT_DISK_BYTES = 8L << 30;

        public Limits {
            if (cpus <= 0 || memoryBytes < 64L << 20 || pids < 16 || diskBytes < 16L << 20) {
                throw new IllegalArgumentException("limits too small: cpus=" + cpus + " memory=" + memoryBytes
                        + " pids=" + pids + " disk=" + diskBytes
                        + " (need cpus > 0, memory >= 64 MiB, pids >= 16, disk >= 16 MiB)");
            }
        }

        public Limits(double cpus, long memoryBytes, long pids) {
            this(cpus, memoryBytes, pids, DEFAULT_DISK_BYTES);
        }

        public static Limits defaults() {
            return new Limits(2.0, 3L << 30, 1024, DEFAULT_DISK_BYTES);
        }

        public Limits withDiskBytes(long bytes) {
            return new Limits(cpus, memoryBytes, pids, bytes);
        }
    }
}
