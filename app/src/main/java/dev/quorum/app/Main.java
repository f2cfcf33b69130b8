package dev.quorum.app;

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
        return new CommandLine(new QuorumCommand())
                .setExecutionExceptionHandler(new ErrorReporter())
                .execute(args);
    }
}
