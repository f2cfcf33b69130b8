package dev.quorum.agent;

import dev.quorum.core.Redactor;
import dev.quorum.model.ModelClient;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.TestRunner;
import java.util.List;

/**
 * The agent stage: runs N tool-using trajectories at an issue concurrently (virtual threads), each editing its
 * own worktree and running code in its own sandbox, and returns one {@link TrajectoryResult} per trajectory, in
 * trajectory order. Never throws for a trajectory's failure: it is that candidate's outcome.
 */
public interface TrajectoryRunner {

    List<TrajectoryResult> run(AgentRequest request);

    /**
     * @param model     shared by all trajectories; each gets {@code forTrajectory(limits.budget())}, so the
     *                  client's run budget and concurrency limit apply across them
     * @param sandboxes makes the per-trajectory sandboxes (created on first use: a trajectory that only reads and
     *                  edits never starts one)
     * @param tests     how {@code run_tests} runs tests ({@link TestRunner#maven()} is the reference)
     */
    static TrajectoryRunner create(ModelClient model, SandboxProvider sandboxes, TestRunner tests) {
        return create(model, sandboxes, tests, Redactor.fromEnvironment(System.getenv()));
    }

    /**
     * @param redactor applied to tool output before the model sees it and to every line of the trajectory logs;
     *                 it should know the run's configured secrets ({@link Redactor#fromEnvironment} at start-up)
     */
    static TrajectoryRunner create(ModelClient model, SandboxProvider sandboxes, TestRunner tests, Redactor redactor) {
        return create(model, sandboxes, tests, redactor, TrajectoryListener.silent());
    }

    /** @param listener hears each trajectory start, take each step and end */
    static TrajectoryRunner create(ModelClient model, SandboxProvider sandboxes, TestRunner tests, Redactor redactor,
                                   TrajectoryListener listener) {
        return new ParallelRunner(model, sandboxes, tests, redactor, listener);
    }

    /** Statistics of the last {@link #run}: for benchmarks and the run report. */
    RunStats lastRunStats();

    /**
     * @param sandboxSlots    sandboxes allowed alive at once (memory-aware)
     * @param peakSandboxes   the most sandboxes that were alive at once
     * @param sandboxesMade   sandboxes created, replacements of killed ones included
     */
    record RunStats(int trajectories, int resumed, int sandboxSlots, int peakSandboxes, int sandboxesMade,
                    long wallMillis) {
    }
}
