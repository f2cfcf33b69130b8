package dev.quorum.app;

import dev.quorum.sandbox.DockerEngine;
import dev.quorum.sandbox.KubernetesSettings;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.Sandboxes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where sandboxes run, shared by {@code infer} and {@code eval}. Images are always built on a Docker engine (the
 * first {@code --docker-host}, else {@code DOCKER_HOST}); a pool copies them to its other engines, Kubernetes pulls
 * them from {@code --image-registry}.
 */
public final class SandboxBackendOptions {

    @Option(names = "--backend", defaultValue = "docker", paramLabel = "docker|docker-pool|kubernetes",
            description = "Where sandboxes run: one Docker engine (default), a pool of engines (--docker-host,"
                    + " repeated), or pods in a Kubernetes cluster (--kube-namespace, --image-registry).")
    String backend;

    @Option(names = "--docker-host", paramLabel = "HOST",
            description = "A Docker engine (unix:///path.sock, or tcp://host:2376 with DOCKER_TLS_VERIFY=1 and"
                    + " DOCKER_CERT_PATH for TLS); repeat for a pool. Default: $DOCKER_HOST or the local socket.")
    List<String> dockerHosts;

    @Option(names = "--kube-namespace", defaultValue = "quorum", paramLabel = "NS",
            description = "Kubernetes namespace for sandbox pods (default: ${DEFAULT-VALUE}); kubeconfig as kubectl.")
    String namespace;

    @Option(names = "--image-registry", paramLabel = "REGISTRY",
            description = "Registry prefix the cluster pulls sandbox images from, e.g. registry.example.com/quorum.")
    String imageRegistry;

    @Option(names = "--push-images", description = "Push the env images built here to --image-registry (with their"
            + " content tags) before pods use them; needs `docker login` to the registry.")
    boolean pushImages;

    @Option(names = "--pull-secret", paramLabel = "NAME", description = "Image pull secret of the namespace (repeatable).")
    List<String> pullSecrets;

    /** The engine images are built on, and the sandboxes; closing it releases both. */
    public record Opened(DockerEngine buildEngine, SandboxProvider sandboxes, List<DockerEngine> engines)
            implements AutoCloseable {
        @Override
        public void close() {
            try {
                sandboxes.close();
            } finally {
                engines.forEach(DockerEngine::close);
            }
        }
    }

    /** @throws IllegalArgumentException for a combination of options that cannot work, saying what to change */
    public Opened open(Map<String, String> env) {
        List<String> hosts = dockerHosts == null ? List.of() : dockerHosts;
        hosts.stream().filter(h -> h.startsWith("ssh://")).findFirst().ifPresent(h -> {
            throw new IllegalArgumentException("--docker-host " + h + ": the Docker client library has no SSH"
                    + " transport; forward the engine's socket (ssh -NL /tmp/engine.sock:/var/run/docker.sock HOST)"
                    + " and give unix:///tmp/engine.sock");
        });
        switch (backend) {
            case "docker" -> {
                if (hosts.size() > 1) {
                    throw new IllegalArgumentException("several --docker-host need --backend docker-pool");
                }
                DockerEngine engine = hosts.isEmpty() ? DockerEngine.connect(env.get("DOCKER_HOST"))
                        : DockerEngine.connect(hosts.get(0));
                return opened(engine, List.of(engine), () -> Sandboxes.docker(engine));
            }
            case "docker-pool" -> {
                if (hosts.isEmpty()) {
                    throw new IllegalArgumentException("--backend docker-pool needs its engines: --docker-host HOST,"
                            + " once per engine");
                }
                List<DockerEngine> engines = new ArrayList<>();
                hosts.forEach(h -> engines.add(DockerEngine.connect(h)));
                return opened(engines.get(0), engines, () -> Sandboxes.dockerPool(engines));
            }
            case "kubernetes" -> {
                if (pushImages && imageRegistry == null) {
                    throw new IllegalArgumentException("--push-images needs --image-registry");
                }
                KubernetesSettings settings;
                try {
                    settings = KubernetesSettings.inNamespace(namespace).withImageRegistry(imageRegistry)
                            .withPullSecrets(pullSecrets == null ? List.of() : pullSecrets);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--kube-namespace: " + e.getMessage());
                }
                DockerEngine engine = hosts.isEmpty() ? DockerEngine.connect(env.get("DOCKER_HOST"))
                        : DockerEngine.connect(hosts.get(0));
                return opened(engine, List.of(engine),
                        () -> Sandboxes.kubernetes(settings, pushImages ? engine : null));
            }
            default -> throw new IllegalArgumentException("--backend must be docker, docker-pool or kubernetes, was '"
                    + backend + "'");
        }
    }

    private static Opened opened(DockerEngine buildEngine, List<DockerEngine> engines,
                                 java.util.function.Supplier<SandboxProvider> provider) {
        try {
            buildEngine.requireReachable();
            return new Opened(buildEngine, provider.get(), engines);
        } catch (RuntimeException e) {
            engines.forEach(DockerEngine::close);
            throw e;
        }
    }
}
