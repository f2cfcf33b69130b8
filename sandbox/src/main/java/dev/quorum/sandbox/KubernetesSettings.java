package dev.quorum.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how Kubernetes sandboxes run.
 *
 * @param namespace      the namespace pods and the egress-denying NetworkPolicy go to
 * @param imageRegistry  prefix put before a sandbox image's name ({@code registry.example.com/team}); null or blank
 *                       when the cluster's nodes already have the images (kind, a node-local load)
 * @param pullSecrets    names of image pull secrets in the namespace
 * @param startTimeout   how long a pod may take to be scheduled, pull its image and run; past it the pod is removed
 *                       and the sandbox counts as an infrastructure failure
 * @param maxPodLifetime {@code activeDeadlineSeconds}: the cluster kills a pod older than this even if the process
 *                       that made it died where no later run can see its labels
 * @param apiAttempts    attempts per API call that answers 409, 429 or 5xx (or not at all), with doubling backoff
 * @param firstBackoff   the wait after the first failed attempt
 */
public record KubernetesSettings(String namespace, String imageRegistry, List<String> pullSecrets,
                                 Duration startTimeout, Duration maxPodLifetime, int apiAttempts,
                                 Duration firstBackoff) {

    public KubernetesSettings {
        Objects.requireNonNull(namespace, "namespace");
        if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw new IllegalArgumentException("'" + namespace + "' is not a Kubernetes namespace name (lower-case"
                    + " letters, digits and '-', at most 63)");
        }
        imageRegistry = imageRegistry == null || imageRegistry.isBlank() ? null
                : imageRegistry.replaceAll("/+$", "");
        pullSecrets = pullSecrets == null ? List.of() : List.copyOf(pullSecrets);
        startTimeout = startTimeout == null ? Duration.ofMinutes(5) : startTimeout;
        maxPodLifetime = maxPodLifetime == null ? Duration.ofHours(12) : maxPodLifetime;
        firstBackoff = firstBackoff == null ? Duration.ofMillis(500) : firstBackoff;
        if (apiAttempts < 1 || startTimeout.isNegative() || startTimeout.isZero()
                || maxPodLifetime.toSeconds() < 60) {
            throw new IllegalArgumentException("need apiAttempts >= 1, a positive startTimeout and a maxPodLifetime"
                    + " of at least a minute");
        }
    }

    public static KubernetesSettings inNamespace(String namespace) {
        return new KubernetesSettings(namespace, null, List.of(), null, null, 6, null);
    }

    public KubernetesSettings withImageRegistry(String registry) {
        return new KubernetesSettings(namespace, registry, pullSecrets, startTimeout, maxPodLifetime, apiAttempts,
                firstBackoff);
    }

    public KubernetesSettings withPullSecrets(List<String> secrets) {
        return new KubernetesSettings(namespace, imageRegistry, secrets, startTimeout, maxPodLifetime, apiAttempts,
                firstBackoff);
    }

    public KubernetesSettings withStartTimeout(Duration timeout) {
        return new KubernetesSettings(namespace, imageRegistry, pullSecrets, timeout, maxPodLifetime, apiAttempts,
                firstBackoff);
    }

    public KubernetesSettings withRetries(int attempts, Duration backoff) {
        return new KubernetesSettings(namespace, imageRegistry, pullSecrets, startTimeout, maxPodLifetime, attempts,
                backoff);
    }

    /** The name a node pulls {@code image} by. */
    public String imageRef(String image) {
        return imageRegistry == null ? image : imageRegistry + "/" + image;
    }
}
