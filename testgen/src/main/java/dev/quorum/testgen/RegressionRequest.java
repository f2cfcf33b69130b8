package dev.quorum.testgen;

import dev.quorum.core.BuildHints;
import dev.quorum.localization.Localization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * @param checkout     a working copy at the base commit
 * @param localization the classes the issue is about; their tests are the regression tests
 * @param maxClasses   at most this many test classes are run
 */
public record RegressionRequest(Path checkout, Localization localization, BuildHints build, String sandboxImage,
                                int maxClasses, Duration timeout) {
    public RegressionRequest {
        Objects.requireNonNull(checkout, "checkout");
        Objects.requireNonNull(localization, "localization");
        Objects.requireNonNull(sandboxImage, "sandboxImage");
        build = build == null ? BuildHints.none() : build;
        timeout = timeout == null ? Duration.ofMinutes(15) : timeout;
        if (maxClasses < 1) {
            throw new IllegalArgumentException("maxClasses must be positive, was " + maxClasses);
        }
    }
}
