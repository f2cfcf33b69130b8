package dev.quorum.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes Docker sandboxes: one container each, no network, a non-root user, CPU/memory/pids limits, no new
 * privileges, every capability dropped. Leftovers of dead processes are removed when a provider starts; its
 * own containers when it closes or the JVM exits.
 */
final class DockerSandboxProvider implements SandboxProvider {
    private final DockerEngine engine;
    private final Ownership owner = Ownership.ofThisProcess();
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook;

    DockerSandboxProvider(DockerEngine engine) {
        this.engine = engine;
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
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withMemory(limits.memoryBytes())
                .withMemorySwap(limits.memoryBytes())
                .withNanoCPUs((long) (limits.cpus() * 1_000_000_000L))
                .withPidsLimit(limits.pids())
                .withSecurityOpts(List.of("no-new-privileges"))
                .withCapDrop(Capability.ALL)
                .withInit(true);
        CreateContainerResponse created = docker().createContainerCmd(spec.image())
                .withCmd("sleep", "infinity")
                .withUser(DockerImages.UID + ":" + DockerImages.GID)
                .withWorkingDir(DockerSandbox.WORKSPACE)
                .withNetworkDisabled(true)
                .withLabels(owner.labels("sandbox"))
                .withHostConfig(host)
                .exec();
        String id = created.getId();
        live.add(id);
        try {
            docker().startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            Reaper.remove(docker(), id);
            live.remove(id);
            throw new SandboxException("could not start a sandbox from " + spec.image() + ": " + e.getMessage(), e);
        }
        DockerSandbox sandbox = new DockerSandbox(docker(), id, isolation(spec), spec.outputCap(),
                () -> live.remove(id));
        sandbox.run(Command.of(java.time.Duration.ofSeconds(30), "mkdir", "-p", sandbox.scratchDir()));
        return sandbox;
    }

    @Override
    public Isolation isolation(SandboxSpec spec) {
        return new Isolation(true, "docker", "none", DockerImages.USER + " (uid " + DockerImages.UID + ")",
                spec.limits(), List.of("no-new-privileges", "cap-drop=ALL", "init process reaps zombies",
                        "killed at wall-clock timeout"));
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
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it does the same work
        }
    }
}
