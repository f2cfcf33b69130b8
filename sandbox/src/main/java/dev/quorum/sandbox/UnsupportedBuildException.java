package dev.quorum.sandbox;

/** The repository's build is not one Quorum can drive yet (Gradle, no build file). */
public final class UnsupportedBuildException extends SandboxException {
    public UnsupportedBuildException(String message) {
        super(message);
    }
}
