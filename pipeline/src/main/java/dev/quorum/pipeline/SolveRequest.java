package dev.quorum.pipeline;

import dev.quorum.agent.AgentRequest;
import dev.quorum.core.BuildHints;
import dev.quorum.core.Issue;
import dev.quorum.core.RepoRef;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One issue to solve.
 *
 * @param commit   the base commit; null means the repository's HEAD
 * @param samples  trajectories to run
 * @param runsDir  where {@code <runId>/} goes
 * @param runId    the run's name; an existing run directory is resumed (finished trajectories are not redone)
 */
public record SolveRequest(RepoRef repo, String commit, Issue issue, int samples, BuildHints build, Path runsDir,
                           String runId, Options options) {

    public SolveRequest {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(runsDir, "runsDir");
        Objects.requireNonNull(runId, "runId");
        if (issue.fullText().isBlank()) {
            throw new IllegalArgumentException("the issue text is empty: give --issue FILE or --issue-text TEXT");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("--samples must be at least 1, was " + samples);
        }
        if (!runId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("run id '" + runId + "' may hold only letters, digits, '.', '_' and '-'");
        }
        build = build == null ? BuildHints.none() : build;
        options = options == null ? Options.defaults() : options;
    }

    public Path runDir() {
        return runsDir.resolve(runId);
    }

    /**
     * @param reproductionAttempts reproduction tests asked of the model (kept only when they fail on base)
     * @param regressionClasses    existing test classes run as regression voters
     * @param limits               per-trajectory limits
     * @param cacheDir             bare mirrors of remote repositories
     * @param gitHostBaseUrl       where {@code owner/name} repositories are cloned from
     * @param inputs               what else identifies the run (the model's name, the predictions file of
     *                             {@code infer}); recorded in {@code config.json} and compared when the run id is reused
     * @param force                re-use a run directory whose recorded inputs differ (refused otherwise)
     */
    public record Options(int reproductionAttempts, int regressionClasses, AgentRequest.Limits limits, Path cacheDir,
                          String gitHostBaseUrl, java.util.Map<String, String> inputs, boolean force) {
        public Options {
            limits = limits == null ? AgentRequest.Limits.defaults() : limits;
            gitHostBaseUrl = gitHostBaseUrl == null ? "https://github.com" : gitHostBaseUrl;
            inputs = inputs == null ? java.util.Map.of() : java.util.Map.copyOf(inputs);
        }

        public Options(int reproductionAttempts, int regressionClasses, AgentRequest.Limits limits, Path cacheDir,
                       String gitHostBaseUrl) {
            this(reproductionAttempts, regressionClasses, limits, cacheDir, gitHostBaseUrl, null, false);
        }

        public static Options defaults() {
            return new Options(4, 8, AgentRequest.Limits.defaults(), null, null);
        }

        public Options withLimits(AgentRequest.Limits newLimits) {
            return new Options(reproductionAttempts, regressionClasses, newLimits, cacheDir, gitHostBaseUrl, inputs,
                    force);
        }

        public Options withReproductionAttempts(int attempts) {
            return new Options(attempts, regressionClasses, limits, cacheDir, gitHostBaseUrl, inputs, force);
        }

        /** @param runInputs e.g. {@code model} and {@code predictions}; @param forceReuse see {@link #force} */
        public Options withInputs(java.util.Map<String, String> runInputs, boolean forceReuse) {
            return new Options(reproductionAttempts, regressionClasses, limits, cacheDir, gitHostBaseUrl, runInputs,
                    forceReuse);
        }
    }
}
