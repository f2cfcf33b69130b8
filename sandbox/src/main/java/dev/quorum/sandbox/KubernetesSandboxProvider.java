package dev.quorum.sandbox;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Kubernetes sandboxes: a pod each (see {@link KubernetesPods}), in one namespace whose sandbox pods a
 * NetworkPolicy cuts off from the network. At start it removes pods of dead Quorum processes of this host; at close
 * (and JVM exit) its own. Pods of a process on another host that died are ended by their {@code activeDeadlineSeconds}.
 */
final class KubernetesSandboxProvider implements SandboxProvider {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesSandboxProvider.class);
    private static final Set<String> HOPELESS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError");

    private final KubernetesClient client;
    private final KubernetesSettings settings;
    private final ApiRetry api;
    private final Ownership owner = Ownership.ofThisProcess();
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook;

    private final Runnable closeClient;
    private final java.util.function.UnaryOperator<String> publish;

    /** Sandboxes from images the nodes can already pull by {@link KubernetesSettings#imageRef}. */
    KubernetesSandboxProvider(KubernetesClient client, KubernetesSettings settings, Runnable closeClient) {
        this(client, settings, closeClient, settings::imageRef);
    }

    /**
     * @param closeClient what to do with the client at close (close it when the provider made it)
     * @param publish     makes an image pullable by the nodes and answers the name they pull it by
     */
    KubernetesSandboxProvider(KubernetesClient client, KubernetesSettings settings, Runnable closeClient,
                              java.util.function.UnaryOperator<String> publish) {
        this.client = client;
        this.closeClient = closeClient;
        this.publish = publish;
        this.settings = settings;
        this.api = new ApiRetry(settings.apiAttempts(), settings.firstBackoff());
        api.run("create NetworkPolicy " + KubernetesPods.EGRESS_POLICY, () -> client.network().v1()
                .networkPolicies().inNamespace(settings.namespace()).resource(KubernetesPods.denyAll())
                .createOr(NonDeletingOperation::update));
        reapOrphans();
        shutdownHook = new Thread(this::removeAll, "quorum-pod-reaper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public Sandbox create(SandboxSpec spec) {
        String imageRef = publish.apply(spec.image());
        // A fresh name per attempt: a 409 on create means the name is taken, and retrying it would never succeed.
        Pod created = api.call("create a pod from " + imageRef, () -> client.pods().inNamespace(settings.namespace())
                .resource(KubernetesPods.sandbox(freshName(), imageRef, spec.limits(), owner, settings)).create());
        String name = created.getMetadata().getName();
        live.add(name);
        try {
            awaitRunning(name, imageRef);
        } catch (RuntimeException e) {
            delete(name);
            throw e;
        }
        return new KubernetesSandbox(client, settings.namespace(), name, isolation(spec), spec.outputCap(),
                () -> delete(name));
    }

    private static String freshName() {
        return "quorum-sb-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 12);
    }

    /** Waits until the pod runs and its container is ready; a pod that cannot start is said at once. */
    private void awaitRunning(String name, String imageRef) {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        long pause = 100;
        while (System.nanoTime() < deadline) {
            Pod pod = api.call("read pod " + name, () -> client.pods().inNamespace(settings.namespace())
                    .withName(name).get());
            if (pod == null) {
                throw new SandboxInfraException("pod " + name + " vanished while starting (evicted or deleted)");
            }
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            List<ContainerStatus> containers = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                    ? List.of() : pod.getStatus().getContainerStatuses();
            if ("Running".equals(phase) && !containers.isEmpty()
                    && containers.stream().allMatch(c -> Boolean.TRUE.equals(c.getReady()))) {
                return;
            }
            if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
                throw new SandboxInfraException("pod " + name + " ended before use (" + phase + ": "
                        + pod.getStatus().getReason() + " " + pod.getStatus().getMessage() + ")");
            }
            for (ContainerStatus c : containers) {
                var waiting = c.getState() == null ? null : c.getState().getWaiting();
                if (waiting != null && HOPELESS.contains(waiting.getReason())) {
                    throw new SandboxException("pod " + name + " cannot start " + imageRef + ": " + waiting.getReason()
                            + " " + waiting.getMessage() + ". Push the image to the registry (--image-registry) and"
                            + " check the pull secrets.");
                }
            }
            sleep(pause);
            pause = Math.min(pause * 2, 2_000);
        }
        throw new SandboxInfraException("pod " + name + " (" + imageRef + ") did not start within "
                + settings.startTimeout().toSeconds() + " s (unschedulable, or a slow image pull); it was removed");
    }

    /** Removes pods left by processes of this host that no longer run; returns how many. */
    int reapOrphans() {
        List<Pod> pods = api.call("list sandbox pods", () -> client.pods().inNamespace(settings.namespace())
                .withLabel(Ownership.SANDBOX, "1").list().getItems());
        String host = KubernetesPods.labelValue(Ownership.hostName());
        int removed = 0;
        for (Pod pod : pods) {
            Map<String, String> labels = new HashMap<>(pod.getMetadata().getLabels());
            if (host.equals(labels.get(Ownership.HOST))) {
                labels.put(Ownership.HOST, Ownership.hostName());
            }
            if (Ownership.ownerIsGone(labels)) {
                delete(pod.getMetadata().getName());
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("removed {} leftover sandbox pod(s) in namespace {}", removed, settings.namespace());
        }
        return removed;
    }

    private void delete(String name) {
        try {
            api.run("delete pod " + name, () -> client.pods().inNamespace(settings.namespace()).withName(name)
                    .withGracePeriod(0).delete());
        } catch (SandboxException e) {
            LOG.warn("could not delete pod {}: {}", name, e.getMessage());
        } finally {
            live.remove(name);
        }
    }

    @Override
    public boolean lostUnder(Sandbox sandbox) {
        return sandbox instanceof KubernetesSandbox pod && pod.lost();
    }

    @Override
    public Isolation isolation(SandboxSpec spec) {
        return new Isolation(true, "kubernetes", "none (NetworkPolicy " + KubernetesPods.EGRESS_POLICY + ")",
                DockerImages.USER + " (uid " + DockerImages.UID + ")", spec.limits(), List.of(
                "allowPrivilegeEscalation=false", "capabilities drop ALL", "read-only root filesystem",
                "seccomp RuntimeDefault", "no service-account token",
                "cpu/memory/ephemeral-storage requests = limits", "pids per the node's podPidsLimit",
                "pod deleted at wall-clock timeout"));
    }

    private void removeAll() {
        List.copyOf(live).forEach(this::delete);
        try {
            api.run("delete the session's pods", () -> client.pods().inNamespace(settings.namespace())
                    .withLabel(Ownership.SESSION, owner.session()).withGracePeriod(0).delete());
        } catch (SandboxException e) {
            LOG.warn("could not delete this session's pods: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it does the same work
        }
        closeClient.run();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while waiting for a pod to start");
        }
    }
}
