package dev.quorum.app;

import dev.quorum.core.Redactor;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code quorum} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code: 0 success, 1 failure, 2 bad usage (picocli's conventions). */
    public static int run(String... args) {
        return run(System.getenv(), args);
    }

    /** @param environment where the run's configured secrets are read from, once, at start-up */
    static int run(Map<String, String> environment, String... args) {
        return new CommandLine(new QuorumCommand())
                .setExecutionExceptionHandler(new ErrorReporter(Redactor.fromEnvironment(environment),
                        "1".equals(environment.get("QUORUM_DEBUG"))))
                .execute(args);
    }
}
