package dev.quorum.sandbox;

import java.time.Duration;

/** How a command ended. */
public sealed interface ExecResult {

    CapturedOutput output();

    Duration elapsed();

    /** The command ran to its end. */
    record Exited(int exitCode, CapturedOutput output, Duration elapsed) implements ExecResult {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** The wall-clock limit passed; the command and its sandbox were killed. */
    record TimedOut(Duration limit, CapturedOutput output, Duration elapsed) implements ExecResult {
    }

    default boolean succeeded() {
        return this instanceof Exited e && e.exitCode() == 0;
    }
}
