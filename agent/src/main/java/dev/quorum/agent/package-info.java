/**
 * The agent stage: N tool-using trajectories at an issue, in parallel, each in its own worktree and sandbox.
 *
 * <p>Public: the facade {@link dev.quorum.agent.TrajectoryRunner}, the records {@link dev.quorum.agent.AgentRequest}
 * (with {@code Limits}) and {@link dev.quorum.agent.TrajectoryResult}, and the sealed
 * {@link dev.quorum.agent.TrajectoryOutcome}.
 *
 * <p>Inside, in the order a run goes through them: {@code ParallelRunner} (virtual threads, sandbox slots sized by
 * available memory, resume from logs), {@code Worktree} (base tree written from Git objects; diff against it, split into
 * source and tests), {@code Trajectory} (the loop: ask, run tools, observe, until an outcome), {@code Tools} (one
 * {@code Tool} each: view, search, str_replace, create_file, run_tests, run_command, submit), {@code SandboxSession} (sandbox on first
 * use, changed files synced in before each run, replaced when killed), {@code Prompts} (system prompt, per-trajectory
 * variants, budget status line) and {@code EventLog} (the jsonl, see {@code agent/TRAJECTORY_FORMAT.md}).
 */
package dev.quorum.agent;
