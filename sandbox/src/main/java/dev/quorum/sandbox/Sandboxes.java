package dev.quorum.sandbox;

/** Where sandbox providers come from. */
public final class Sandboxes {
    private Sandboxes() {
    }

    /** Isolated sandboxes, one container each. Removes leftovers of dead Quorum processes first. */
    public static SandboxProvider docker(DockerEngine engine) {
        return new DockerSandboxProvider(engine);
    }

    /**
     * Sandboxes spread over several Docker engines by free room (CPUs and memory over the sandbox's limits). Images
     * are copied ({@code docker save | load}) to the engine that needs them from one that has them. An engine that
     * stops answering is drained; work on its sandboxes fails with {@link SandboxInfraException}, to be retried on
     * a fresh sandbox. Engines that do not answer at start are left out; none answering is an error.
     */
    public static SandboxProvider dockerPool(java.util.List<DockerEngine> engines) {
        return new DockerPoolProvider(engines);
    }

    /**
     * Sandboxes that are pods in a Kubernetes cluster (see {@link KubernetesSettings}), reached through the usual
     * kubeconfig ({@code KUBECONFIG}, {@code ~/.kube/config}) or the in-cluster service account. Creates the
     * namespace's egress-denying NetworkPolicy and removes pods of dead Quorum processes of this host first.
     *
     * @throws SandboxException when the cluster cannot be reached or refuses the NetworkPolicy
     */
    public static SandboxProvider kubernetes(KubernetesSettings settings) {
        return kubernetes(settings, null);
    }

    /**
     * As {@link #kubernetes(KubernetesSettings)}; when {@code pushFrom} is given, each image a sandbox asks for is
     * first tagged into the settings' registry and pushed from that engine (once per process), so that env images
     * built where Docker is reach the cluster.
     */
    public static SandboxProvider kubernetes(KubernetesSettings settings, DockerEngine pushFrom) {
        java.util.function.UnaryOperator<String> publish = pushFrom == null ? settings::imageRef
                : new RegistryPush(pushFrom, settings);
        // Retries are ApiRetry's alone, so that its attempts and backoff are what the settings say.
        io.fabric8.kubernetes.client.KubernetesClient client = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(
                        io.fabric8.kubernetes.client.Config.autoConfigure(null))
                        .withRequestRetryBackoffLimit(0).build())
                .build();
        try {
            return new KubernetesSandboxProvider(client, settings, client::close, publish);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Sandboxes that are plain directories on the host: NOT isolated (the code runs as you, with your network
     * and files). For machines without a Docker engine, and only when the user asks for it.
     */
    public static SandboxProvider local() {
        return new LocalSandboxProvider();
    }
}
