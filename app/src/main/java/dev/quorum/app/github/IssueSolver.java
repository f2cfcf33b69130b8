package dev.quorum.app.github;

import java.nio.file.Path;

/**
 * The seam between the GitHub App server and the solve pipeline: given a checkout of the repository at
 * {@code baseCommit} and the issue, produce a patch with its evidence, an abstention, or a failure.
 *
 * <p>The server owns everything GitHub-facing (clone, branch, push, pull request, comments); a solver only
 * reads the checkout (it may also edit it: the server resets the checkout and applies the returned patch, so
 * the patch is what gets pushed) and writes what it wants to keep under {@code runDir}. Implementations must
 * be safe to call from several worker threads at once, each with its own checkout and run directory.
 */
@FunctionalInterface
public interface IssueSolver {

    /**
     * @param checkout   a working tree of the repository at {@code baseCommit}; it carries no credentials
     * @param baseCommit the full SHA the patch must apply to
     * @param issue      the issue as it read when the job was queued
     * @param runDir     this run's directory ({@code runs/<run-id>/}), already created
     * @throws Exception anything unexpected; the job is then recorded as failed with the message
     */
    IssueOutcome solve(Path checkout, String baseCommit, IssueText issue, Path runDir) throws Exception;
}
