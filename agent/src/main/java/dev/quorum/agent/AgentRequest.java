package dev.quorum.agent;

import dev.quorum.core.BuildHints;
import dev.quorum.core.Issue;
import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import dev.quorum.localization.Localization;
import dev.quorum.model.Budget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One agent stage: run {@code trajectories} attempts at an issue, each in its own worktree and sandbox.
 *
 * @param repo         a Git repository (working copy or bare) holding {@code baseCommit}; it is only read, except
 *                     that the tree of the base commit with {@code userTests}' patch is stored in it as objects
 *                     (no ref, no working-tree change)
 * @param localization what the localization stage found; trajectories are pointed at different parts of it
 * @param sandboxImage the repository's env image ({@code Environments.ensureEnv}); every sandbox starts from it
 * @param runDir       the run directory: logs go to {@code trajectories/<n>.jsonl}, worktrees to
 *                     {@code worktrees/<n>}; finished trajectories found there are not run again
 * @param userTests    the failing tests the user gave: their patch is in every worktree from the start (and so in
 *                     no trajectory's diff), and the task names them
 */
public record AgentRequest(Path repo, String baseCommit, Issue issue, Localization localization, BuildHints build,
                           String sandboxImage, int trajectories, Limits limits, Path runDir, UserTests userTests) {

    public AgentRequest {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(baseCommit, "baseCommit");
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(sandboxImage, "sandboxImage");
        Objects.requireNonNull(runDir, "runDir");
        build = build == null ? BuildHints.none() : build;
        limits = limits == null ? Limits.defaults() : limits;
        userTests = userTests == null ? UserTests.NONE : userTests;
        if (trajectories < 1) {
            throw new IllegalArgumentException("at least one trajectory, was " + trajectories);
        }
    }

    /** A request without tests from the user. */
    public AgentRequest(Path repo, String baseCommit, Issue issue, Localization localization, BuildHints build,
                        String sandboxImage, int trajectories, Limits limits, Path runDir) {
        this(repo, baseCommit, issue, localization, build, sandboxImage, trajectories, limits, runDir, UserTests.NONE);
    }

    /**
     * Tests the user gave that fail on the base commit and should pass after the fix.
     *
     * @param patch   adds or changes them (empty when they are already in the repository)
     * @param failing their ids, as {@code run_tests} takes them
     */
    public record UserTests(Patch patch, List<TestId> failing) {
        public static final UserTests NONE = new UserTests(Patch.empty(), List.of());

        public UserTests {
            patch = patch == null ? Patch.empty() : patch;
            failing = failing == null ? List.of() : List.copyOf(failing);
        }

        boolean isEmpty() {
            return patch.isEmpty() && failing.isEmpty();
        }
    }

    /**
     * Limits for each trajectory, and for the sandboxes they share.
     *
     * @param maxSteps           model calls per trajectory
     * @param wallTime           per trajectory, checked between steps
     * @param budget             tokens / dollars per trajectory (on top of the run budget of the model client)
     * @param commandTimeout     one shell command in the sandbox
     * @param testTimeout        one test run in the sandbox
     * @param maxOutputChars     tool output longer than this is cut, with a note saying so
     * @param sandboxMemoryBytes what one sandbox may use; with the free memory it bounds the sandboxes alive at once
     * @param maxSandboxes       an upper bound on sandboxes alive at once, whatever the memory says
     */
    public record Limits(int maxSteps, Duration wallTime, Budget budget, Duration commandTimeout,
                         Duration testTimeout, int maxOutputChars, long sandboxMemoryBytes, int maxSandboxes) {
        public Limits {
            if (maxSteps < 1 || maxOutputChars < 200 || maxSandboxes < 1 || sandboxMemoryBytes < 64L << 20) {
                throw new IllegalArgumentException("limits too small: steps=" + maxSteps + " output=" + maxOutputChars
                        + " sandboxes=" + maxSandboxes + " memory=" + sandboxMemoryBytes);
            }
            Objects.requireNonNull(wallTime, "wallTime");
            budget = budget == null ? Budget.UNLIMITED : budget;
            Objects.requireNonNull(commandTimeout, "commandTimeout");
            Objects.requireNonNull(testTimeout, "testTimeout");
        }

        public static Limits defaults() {
            return new Limits(40, Duration.ofMinutes(20), Budget.UNLIMITED, Duration.ofMinutes(2),
                    Duration.ofMinutes(10), 12_000, 2L << 30, 16);
        }

        public Limits withMaxSteps(int steps) {
            return new Limits(steps, wallTime, budget, commandTimeout, testTimeout, maxOutputChars, sandboxMemoryBytes,
                    maxSandboxes);
        }

        public Limits withBudget(Budget newBudget) {
            return new Limits(maxSteps, wallTime, newBudget, commandTimeout, testTimeout, maxOutputChars,
                    sandboxMemoryBytes, maxSandboxes);
        }

        public Limits withWallTime(Duration newWallTime) {
            return new Limits(maxSteps, newWallTime, budget, commandTimeout, testTimeout, maxOutputChars,
                    sandboxMemoryBytes, maxSandboxes);
        }

        public Limits withSandboxes(int newMaxSandboxes, long newSandboxMemoryBytes) {
            return new Limits(maxSteps, wallTime, budget, commandTimeout, testTimeout, maxOutputChars,
                    newSandboxMemoryBytes, newMaxSandboxes);
        }
    }
}
