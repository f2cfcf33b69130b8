package dev.quorum.app;

import dev.quorum.core.Redactor;
import java.util.Map;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;
import picocli.CommandLine;

/** Entry point of the {@code quorum} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        configureJavaUtilLogging();
        System.exit(run(args));
    }

    /** Libraries logging through java.util.logging get the levels of {@code quorum-jul.properties}. */
    private static void configureJavaUtilLogging() {
        try (InputStream config = Main.class.getResourceAsStream("/quorum-jul.properties")) {
            if (config != null) {
                LogManager.getLogManager().readConfiguration(config);
            }
        } catch (IOException e) {
            System.err.println("quorum: cannot read the logging configuration (" + e.getMessage()
                    + "); libraries log with the JDK's defaults");
        }
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
