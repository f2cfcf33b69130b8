package dev.quorum.sandbox;

import java.time.Duration;

/**
 * A repository's environment: the base image for its JDK plus every dependency and plugin its build needs,
 * fetched once with network so that test runs work offline.
 *
 * @param tag            {@code quorum-env:<hash of base image and build files>}
 * @param toolVersions   what {@code mvn -v} said in the image (Maven and JDK versions), recorded with results
 * @param profile        how the repository is built (JDK, Maven, module, flags) and why; null for an image built
 *                       before profiles were stored
 * @param built          false when an image for these build files already existed
 */
public record EnvImage(String tag, String baseTag, String toolVersions, BuildProfile profile, boolean built,
                       Duration took) {
}
