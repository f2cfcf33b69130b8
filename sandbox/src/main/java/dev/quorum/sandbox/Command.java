package dev.quorum.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command to run in a sandbox.
 *
 * @param argv    program and arguments (no shell unless you ask for one: {@code List.of("bash", "-lc", script)})
 * @param workdir working directory relative to the workspace ("" for its root)
 * @param env     extra environment variables
 * @param timeout wall-clock limit
 */
public record Command(List<String> argv, String workdir, Map<String, String> env, Duration timeout) {

    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program name");
        }
        workdir = workdir == null ? "" : workdir;
        env = env == null ? Map.of() : Map.copyOf(env);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    public static Command of(Duration timeout, String... argv) {
        return new Command(List.of(argv), "", Map.of(), timeout);
    }

    public static Command shell(Duration timeout, String script) {
        return new Command(List.of("bash", "-c", script), "", Map.of(), timeout);
    }

    public Command in(String dir) {
        return new Command(argv, dir, env, timeout);
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
