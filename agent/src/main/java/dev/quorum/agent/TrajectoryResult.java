package dev.quorum.agent;

import dev.quorum.core.Patch;
import dev.quorum.model.Usage;
import java.util.Objects;

/**
 * What one trajectory produced: the diff of its worktree against the base commit, split into the source change
 * (the candidate patch) and the test files it wrote (kept for selection). Trajectories that did not submit still
 * yield their diff, which may be empty.
 *
 * @param trajectory index 0..N-1, also the name of its log {@code trajectories/<n>.jsonl}
 * @param resumed    true when this came from the log of an earlier run instead of being run now
 */
public record TrajectoryResult(int trajectory, Patch patch, Patch tests, TrajectoryOutcome outcome, int steps,
                        Usage usage, double costUsd, boolean resumed) {
    public TrajectoryResult {
        patch = patch == null ? Patch.empty() : patch;
        tests = tests == null ? Patch.empty() : tests;
        Objects.requireNonNull(outcome, "outcome");
        usage = usage == null ? Usage.ZERO : usage;
    }
}
