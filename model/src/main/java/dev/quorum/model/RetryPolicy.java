package dev.quorum.model;

import java.time.Duration;

/**
 * Exponential backoff with jitter for 429, 5xx, timeouts and connection errors. A server's Retry-After wins
 * over the computed delay, up to {@code maxRetryAfter} so that a hostile header cannot park a run for hours.
 *
 * @param maxAttempts attempts per model, the first included
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5));
    }

    /** The delay before attempt {@code failedAttempts + 1}, with jitter drawn from {@code unit} in [0,1). */
    Duration backoff(int failedAttempts, double unit) {
        double base = initialBackoff.toMillis() * Math.pow(2, Math.max(0, failedAttempts - 1));
        double capped = Math.min(base, maxBackoff.toMillis());
        // "Equal jitter": never less than half the step (so we do back off), spread over the other half.
        return Duration.ofMillis((long) (capped / 2 + unit * capped / 2));
    }
}
