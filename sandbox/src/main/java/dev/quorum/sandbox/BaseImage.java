package dev.quorum.sandbox;

import java.time.Duration;

/**
 * A base image: OS, one JDK, Maven 3.9, git and patch, and the non-root sandbox user.
 *
 * @param tag    {@code quorum-base:<recipe hash>}
 * @param method how it was made ({@code debootstrap}, {@code dockerfile}) or {@code existing}
 * @param took   time spent building (zero when it existed)
 * @param jdk    the JDK feature version it carries
 */
public record BaseImage(String tag, String method, Duration took, int jdk) {
}
