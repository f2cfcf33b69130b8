package dev.quorum.core;

/** A patch that cannot be understood as a unified diff; the message says what is wrong. */
public final class PatchFormatException extends IllegalArgumentException {
    public PatchFormatException(String message) {
        super(message);
    }
}
