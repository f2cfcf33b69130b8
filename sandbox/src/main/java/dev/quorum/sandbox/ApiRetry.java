package dev.quorum.sandbox;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries Kubernetes API calls that failed for reasons of the cluster rather than the request: 409 (a conflicting
 * write), 429 (throttled), 5xx, and no answer at all. Waits double after each attempt; whatever else fails at once.
 */
record ApiRetry(int attempts, Duration firstBackoff) {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRetry.class);

    <T> T call(String what, Supplier<T> call) {
        long wait = firstBackoff.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (KubernetesClientException e) {
                if (!retryable(e)) {
                    throw new SandboxException(what + " failed: " + describe(e), e);
                }
                if (attempt >= attempts) {
                    throw new SandboxInfraException(what + " failed " + attempts + " times, last: " + describe(e), e);
                }
                LOG.info("{} answered {}; attempt {} of {} in {} ms", what, describe(e), attempt + 1, attempts, wait);
                sleep(wait);
                wait = Math.min(wait * 2, 30_000);
            }
        }
    }

    void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    static boolean retryable(KubernetesClientException e) {
        int code = e.getCode();
        return code == 409 || code == 429 || code >= 500 || code <= 0;
    }

    private static String describe(KubernetesClientException e) {
        return (e.getCode() > 0 ? "HTTP " + e.getCode() + " " : "no answer ") + e.getMessage();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while waiting to retry a Kubernetes API call");
        }
    }
}
