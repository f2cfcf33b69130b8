package dev.quorum.sandbox;

import java.time.Duration;

/**
 * A repository compiled at its base commit, in an image layer above its env image: the class directories, the
 * resolved test class path and compiler settings of every module, and whether the direct test runner gave the
 * same outcomes as Maven on a sample of the repository's tests (the parity check).
 *
 * @param tag     {@code quorum-state:<hash of env image, sources and build flags>}; sandboxes start from it
 * @param envTag  the env image it sits on
 * @param trusted true when the parity check passed: runners chosen per repository use the direct runner
 * @param reason  why it is (not) trusted, e.g. the first differing test outcomes
 * @param built   false when an image for these sources already existed
 */
public record CompiledState(String tag, String envTag, boolean trusted, String reason, boolean built,
                            Duration took) {

    /** One line for {@code quorum doctor}. */
    public String describe() {
        return (trusted ? "direct test runner trusted" : "direct test runner not trusted (Maven is used)") + ": "
                + reason + " [" + tag + "]";
    }
}
