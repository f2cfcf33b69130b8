package dev.quorum.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Publishes images built on a Docker engine to the registry a cluster pulls from: tagged {@code registry/name:tag}
 * (the content tag kept, so a pushed tag never changes meaning) and pushed once per process. Runs the docker CLI,
 * which honours the user's {@code docker login} and credential helpers; docker-java reads neither helpers nor
 * every form of {@code ~/.docker/config.json}.
 */
final class RegistryPush implements UnaryOperator<String> {
    private static final Duration PUSH_TIMEOUT = Duration.ofMinutes(30);

    private final DockerEngine engine;
    private final KubernetesSettings settings;
    private final Map<String, String> pushed = new ConcurrentHashMap<>();

    RegistryPush(DockerEngine engine, KubernetesSettings settings) {
        if (settings.imageRegistry() == null) {
            throw new IllegalArgumentException("pushing images needs a registry (--image-registry)");
        }
        this.engine = engine;
        this.settings = settings;
    }

    /** The image's name in the registry, pushed there first if this process has not pushed it yet. */
    @Override
    public String apply(String image) {
        return pushed.computeIfAbsent(image, this::push);
    }

    private String push(String image) {
        String ref = settings.imageRef(image);
        docker(List.of("tag", image, ref), "tag " + image + " as " + ref);
        docker(List.of("push", ref), "push " + ref + " (is `docker login` done for " + settings.imageRegistry()
                + "?)");
        return ref;
    }

    private void docker(List<String> args, String what) {
        List<String> argv = new java.util.ArrayList<>(List.of("docker", "--host", engine.host()));
        argv.addAll(args);
        HostProcess.Result r = HostProcess.run(argv, null, PUSH_TIMEOUT);
        if (r.timedOut() || r.exitCode() != 0) {
            throw new SandboxException("could not " + what + ": " + r.tail(10));
        }
    }
}
