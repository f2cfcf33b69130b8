package dev.quorum.sandbox;

import dev.quorum.core.BuildHints;
import dev.quorum.core.TestId;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Runs chosen tests of a repository that is in a sandbox's workspace. Maven is the reference implementation;
 * faster runners must give the same outcomes on the controls before they are trusted.
 */
public interface TestRunner {

    /**
     * @param dir     the repository root inside the sandbox ("" for the workspace root)
     * @param tests   test ids to run; outcomes come back for exactly these
     * @param timeout wall-clock limit for the whole run
     */
    TestRunResult run(Sandbox sandbox, String dir, List<TestId> tests, BuildHints hints, Duration timeout);

    static TestRunner maven() {
        return new MavenTestRunner();
    }

    /**
     * The direct runner wherever the sandbox's image holds a compiled state (see
     * {@link Environments#withCompiledState()}), trusted or not; Maven where it has none or a run needs what the
     * direct runner cannot reproduce. Each result names the runner that produced it.
     */
    static TestRunner direct() {
        return new DirectTestRunner(maven());
    }

    /** Per repository: the direct runner only where its parity check against Maven passed, else Maven. */
    static TestRunner choose() {
        return new ChoosingTestRunner(maven());
    }

    /**
     * By name, for command-line options: {@code maven}, {@code direct} or {@code auto} ({@link #choose()}).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    static TestRunner named(String name) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "maven" -> maven();
            case "direct" -> direct();
            case "auto" -> choose();
            default -> throw new IllegalArgumentException("unknown test runner '" + name
                    + "': use maven, direct or auto");
        };
    }
}
