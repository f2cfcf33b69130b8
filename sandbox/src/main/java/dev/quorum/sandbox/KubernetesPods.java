package dev.quorum.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The objects a Kubernetes sandbox is made of: its pod (the same isolation as a Docker sandbox, as far as a pod
 * can state it) and the NetworkPolicy that cuts every sandbox pod off from the network.
 */
final class KubernetesPods {
    static final String CONTAINER = "sandbox";
    static final String EGRESS_POLICY = "quorum-sandbox-deny-all";
    private static final Map<String, String> SELECTOR = Map.of(Ownership.SANDBOX, "1", Ownership.ROLE, "sandbox");

    private KubernetesPods() {
    }

    static Pod sandbox(String name, String imageRef, SandboxSpec.Limits limits, Ownership owner,
                       KubernetesSettings settings) {
        Map<String, Quantity> resources = new LinkedHashMap<>();
        resources.put("cpu", new Quantity(Math.max(1, Math.round(limits.cpus() * 1000)) + "m"));
        resources.put("memory", new Quantity(Long.toString(limits.memoryBytes())));
        resources.put("ephemeral-storage", new Quantity(Long.toString(limits.diskBytes())));
        return new PodBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withLabels(labels(owner))
                .endMetadata()
                .withNewSpec()
                    .withRestartPolicy("Never")
                    .withActiveDeadlineSeconds(settings.maxPodLifetime().toSeconds())
                    .withTerminationGracePeriodSeconds(0L)
                    .withAutomountServiceAccountToken(false)
                    .withEnableServiceLinks(false)
                    // The pause container becomes PID 1 and reaps zombies, as docker's --init does.
                    .withShareProcessNamespace(true)
                    .withImagePullSecrets(settings.pullSecrets().stream()
                            .map(s -> new io.fabric8.kubernetes.api.model.LocalObjectReference(s)).toList())
                    .withNewSecurityContext()
                        .withRunAsNonRoot(true)
                        .withRunAsUser((long) DockerImages.UID)
                        .withRunAsGroup((long) DockerImages.GID)
                        .withFsGroup((long) DockerImages.GID)
                        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                    .endSecurityContext()
                    .addNewContainer()
                        .withName(CONTAINER)
                        .withImage(imageRef)
                        .withImagePullPolicy("IfNotPresent")
                        .withCommand("sleep", "infinity")
                        .withWorkingDir(DockerSandbox.WORKSPACE)
                        .withNewSecurityContext()
                            .withPrivileged(false)
                            .withAllowPrivilegeEscalation(false)
                            .withReadOnlyRootFilesystem(true)
                            .withRunAsNonRoot(true)
                            .withNewCapabilities().withDrop("ALL").endCapabilities()
                        .endSecurityContext()
                        .withNewResources()
                            .withRequests(resources)
                            .withLimits(resources)
                        .endResources()
                        .addNewVolumeMount().withName("workspace").withMountPath(DockerSandbox.WORKSPACE)
                            .endVolumeMount()
                        // The client's upload unpacks through /tmp, and builds write temporary files there.
                        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                        // Mounted rather than made with mkdir, so that a pod is ready to use without an exec.
                        .addNewVolumeMount().withName("scratch").withMountPath(DockerSandbox.SCRATCH).endVolumeMount()
                    .endContainer()
                    .addNewVolume().withName("workspace").withNewEmptyDir()
                        .withSizeLimit(new Quantity(Long.toString(limits.diskBytes()))).endEmptyDir().endVolume()
                    .addNewVolume().withName("tmp").withNewEmptyDir()
                        .withSizeLimit(new Quantity(Long.toString(limits.diskBytes()))).endEmptyDir().endVolume()
                    .addNewVolume().withName("scratch").withNewEmptyDir()
                        .withSizeLimit(new Quantity(Long.toString(limits.diskBytes()))).endEmptyDir().endVolume()
                .endSpec()
                .build();
    }

    /**
     * Denies all ingress and egress to sandbox pods. {@code kubectl exec} and file copies go through the kubelet,
     * which a NetworkPolicy does not govern, so the API keeps working.
     */
    static NetworkPolicy denyAll() {
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                    .withName(EGRESS_POLICY)
                    .withLabels(Map.of(Ownership.SANDBOX, "1"))
                .endMetadata()
                .withNewSpec()
                    .withNewPodSelector().withMatchLabels(SELECTOR).endPodSelector()
                    .withPolicyTypes("Ingress", "Egress")
                    .withIngress(java.util.List.of())
                    .withEgress(java.util.List.of())
                .endSpec()
                .build();
    }

    /** The Ownership labels, with values made acceptable to Kubernetes (at most 63 of [A-Za-z0-9._-]). */
    static Map<String, String> labels(Ownership owner) {
        Map<String, String> labels = new LinkedHashMap<>();
        owner.labels("sandbox").forEach((k, v) -> labels.put(k, labelValue(v)));
        return labels;
    }

    static String labelValue(String value) {
        String cleaned = value.replaceAll("[^A-Za-z0-9._-]", "-");
        cleaned = cleaned.length() > 63 ? cleaned.substring(0, 63) : cleaned;
        return cleaned.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }
}
