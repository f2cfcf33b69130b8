package dev.quorum.sandbox;

/** A sandbox operation that could not be done; the message says what and what to do. */
public class SandboxException extends RuntimeException {
    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
