package dev.quorum.pipeline;

import dev.quorum.agent.TrajectoryListener;
import java.time.Duration;

/** Hears about a solve run's stages as they start and end, e.g. to draw progress. Called from the solving thread. */
public interface SolveListener {

    /** The stages of a run, in order. */
    java.util.List<String> STAGES = java.util.List.of("checkout", "environment", "localization", "reproduction tests",
            "regression baseline", "trajectories", "selection");

    void stageStarted(String runId, String stage);

    void stageFinished(String runId, String stage, Duration took, long tokens, double usd);

    /** One trajectory started, took a step or ended (called from the trajectories' threads). */
    default void trajectory(String runId, TrajectoryListener.Progress progress) {
    }

    static SolveListener silent() {
        return new SolveListener() {
            @Override
            public void stageStarted(String runId, String stage) {
            }

            @Override
            public void stageFinished(String runId, String stage, Duration took, long tokens, double usd) {
            }
        };
    }
}
