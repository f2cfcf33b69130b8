package dev.quorum.sandbox;

/**
 * The sandbox passed one of its limits other than time (today: its disk limit) and was killed; everything it held
 * is gone. Says something about the code that ran there, not about the engine.
 */
public final class SandboxLimitException extends SandboxException {
    public SandboxLimitException(String message) {
        super(message);
    }
}
