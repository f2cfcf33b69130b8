package dev.quorum.sandbox;

import com.github.dockerjava.api.DockerClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Measures the writable layer of each watched container (the engine's {@code SizeRw}: the workspace, build output
 * and temporary files) every interval, and kills a container past its disk limit. For engines without storage
 * quotas (overlay2 on ext4); between two measurements a sandbox can overshoot by what it writes in one interval.
 */
final class DiskWatchdog implements AutoCloseable {
    private final Supplier<DockerClient> docker;
    private final Duration interval;
    private final Map<String, ScheduledFuture<?>> watched = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    DiskWatchdog(Supplier<DockerClient> docker, Duration interval) {
        this.docker = docker;
        this.interval = interval;
    }

    Duration interval() {
        return interval;
    }

    synchronized void watch(DockerSandbox sandbox, String containerId, long limitBytes) {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "quorum-disk-watchdog");
                t.setDaemon(true);
                return t;
            });
        }
        watched.put(containerId, scheduler.scheduleWithFixedDelay(() -> check(sandbox, containerId, limitBytes),
                interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void check(DockerSandbox sandbox, String containerId, long limitBytes) {
        Long used;
        try {
            used = docker.get().inspectContainerCmd(containerId).withSize(true).exec().getSizeRw();
        } catch (RuntimeException gone) {
            forget(containerId); // removed meanwhile; nothing left to measure
            return;
        }
        if (used != null && used > limitBytes) {
            forget(containerId);
            sandbox.killBecause("sandbox " + sandbox.id() + " wrote " + (used >> 20) + " MiB, over its disk limit of "
                    + (limitBytes >> 20) + " MiB, and was killed");
        }
    }

    void forget(String containerId) {
        ScheduledFuture<?> future = watched.remove(containerId);
        if (future != null) {
            future.cancel(false);
        }
    }

    @Override
    public synchronized void close() {
        watched.keySet().forEach(this::forget);
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
