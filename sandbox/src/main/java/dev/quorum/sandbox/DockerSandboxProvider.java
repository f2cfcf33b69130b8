package dev.quorum.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes Docker sandboxes: one container each, no network, a non-root user, CPU/memory/pids/disk limits, no new
 * privileges, every capability dropped. Leftovers of dead processes are removed when a provider starts; its
 * own containers when it closes or the JVM exits.
 *
 * <p>The disk limit is a storage quota where the engine has one (overlay2 on xfs with pquota); elsewhere (overlay2
 * on ext4, the usual case) a watchdog measures each container's writable layer and kills a container past its
 * limit. A file-size ulimit at the same limit stops one runaway file at once, between two measurements.
 */
final class DockerSandboxProvider implements SandboxProvider {
    static final Duration DEFAULT_DISK_POLL = Duration.ofSeconds(2);

    private final DockerEngine engine;
    private final Ownership owner = Ownership.ofThisProcess();
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook;
    private final DiskWatchdog watchdog;
    /** Whether the engine takes {@code --storage-opt size}; null until the first sandbox asks. */
    private final AtomicReference<Boolean> storageQuota = new AtomicReference<>();

    DockerSandboxProvider(DockerEngine engine) {
        this(engine, DEFAULT_DISK_POLL);
    }

    /** @param diskPoll how often the watchdog measures a sandbox's disk use where the engine has no quota */
    DockerSandboxProvider(DockerEngine engine, Duration diskPoll) {
        this.engine = engine;
        this.watchdog = new DiskWatchdog(engine::client, diskPoll);
        engine.requireReachable();
        Reaper.reapOrphans(docker());
        shutdownHook = new Thread(this::removeAll, "quorum-sandbox-reaper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private DockerClient docker() {
        return engine.client();
    }

    @Override
    public Sandbox create(SandboxSpec spec) {
        try {
            docker().inspectImageCmd(spec.image()).exec();
        } catch (NotFoundException e) {
            throw new SandboxException("image " + spec.image() + " does not exist on the engine at " + engine.host()
                    + "; build it first (quorum doctor --fix builds the base image)");
        }
        SandboxSpec.Limits limits = spec.limits();
        CreateContainerResponse created;
        if (!Boolean.FALSE.equals(storageQuota.get())) {
            try {
                created = createContainer(spec, hostConfig(limits).withStorageOpt(
                        Map.of("size", Long.toString(limits.diskBytes()))));
                storageQuota.set(true);
            } catch (DockerException e) {
                if (!String.valueOf(e.getMessage()).contains("storage-opt")) {
                    throw e;
                }
                // "--storage-opt is supported only for overlay over xfs with 'pquota' mount option"
                storageQuota.set(false);
                created = createContainer(spec, hostConfig(limits));
            }
        } else {
            created = createContainer(spec, hostConfig(limits));
        }
        String id = created.getId();
        live.add(id);
        try {
            docker().startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            Reaper.remove(docker(), id);
            live.remove(id);
            throw new SandboxException("could not start a sandbox from " + spec.image() + ": " + e.getMessage(), e);
        }
        DockerSandbox sandbox = new DockerSandbox(docker(), id, isolation(spec), spec.outputCap(), () -> {
            live.remove(id);
            watchdog.forget(id);
        });
        if (!Boolean.TRUE.equals(storageQuota.get())) {
            watchdog.watch(sandbox, id, limits.diskBytes());
        }
        sandbox.run(Command.of(Duration.ofSeconds(30), "mkdir", "-p", sandbox.scratchDir()));
        return sandbox;
    }

    private HostConfig hostConfig(SandboxSpec.Limits limits) {
        return HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withMemory(limits.memoryBytes())
                .withMemorySwap(limits.memoryBytes())
                .withNanoCPUs((long) (limits.cpus() * 1_000_000_000L))
                .withPidsLimit(limits.pids())
                .withUlimits(List.of(new Ulimit("fsize", limits.diskBytes(), limits.diskBytes())))
                .withSecurityOpts(List.of("no-new-privileges"))
                .withCapDrop(Capability.ALL)
                .withInit(true);
    }

    private CreateContainerResponse createContainer(SandboxSpec spec, HostConfig host) {
        return docker().createContainerCmd(spec.image())
                .withCmd("sleep", "infinity")
                .withUser(DockerImages.UID + ":" + DockerImages.GID)
                .withWorkingDir(DockerSandbox.WORKSPACE)
                .withNetworkDisabled(true)
                .withLabels(owner.labels("sandbox"))
                .withHostConfig(host)
                .exec();
    }

    @Override
    public Isolation isolation(SandboxSpec spec) {
        String disk = "disk limit " + (spec.limits().diskBytes() >> 20) + " MiB (" + switch (
                String.valueOf(storageQuota.get())) {
            case "true" -> "storage quota";
            case "false" -> "watchdog every " + watchdog.interval().toMillis() + " ms";
            default -> "storage quota where the engine has one, else a watchdog";
        } + ", file-size ulimit)";
        return new Isolation(true, "docker", "none", DockerImages.USER + " (uid " + DockerImages.UID + ")",
                spec.limits(), List.of("no-new-privileges", "cap-drop=ALL", "init process reaps zombies",
                        "killed at wall-clock timeout", disk));
    }

    private void removeAll() {
        for (String id : List.copyOf(live)) {
            Reaper.remove(docker(), id);
            live.remove(id);
        }
        Reaper.reapSession(docker(), owner.session());
    }

    @Override
    public void close() {
        watchdog.close();
        try {
            removeAll();
        } finally {
            // Even when the engine is gone (a pool's drained engine), so that the hook does not fail again at exit.
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it does the same work
            }
        }
    }
}
