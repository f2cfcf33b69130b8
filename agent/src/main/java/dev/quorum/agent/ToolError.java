package dev.quorum.agent;

/**
 * A problem the model can fix by itself (a bad argument, no match, a timeout): it goes back to the model as an
 * observation and the trajectory goes on.
 */
final class ToolError extends RuntimeException {
    ToolError(String message) {
        super(message, null, false, false);
    }
}
