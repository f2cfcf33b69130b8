package dev.quorum.testgen;

import dev.quorum.core.BuildHints;
import dev.quorum.core.Issue;
import dev.quorum.localization.Localization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * @param checkout     a working copy of the repository at the base commit (copied into each sandbox)
 * @param localization what localization found; its context block is what the model sees of the code
 * @param sandboxImage the repository's env image
 * @param attempts     how many tests to ask for (in parallel, at different temperatures)
 * @param testTimeout  one test run
 */
public record ReproductionRequest(Path checkout, Issue issue, Localization localization, BuildHints build,
                                  String sandboxImage, int attempts, Duration testTimeout) {
    public ReproductionRequest {
        Objects.requireNonNull(checkout, "checkout");
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(sandboxImage, "sandboxImage");
        build = build == null ? BuildHints.none() : build;
        testTimeout = testTimeout == null ? Duration.ofMinutes(10) : testTimeout;
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt, was " + attempts);
        }
    }
}
