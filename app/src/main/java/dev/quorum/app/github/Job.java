package dev.quorum.app.github;

import java.time.Instant;

/**
 * One queued request to solve an issue, as persisted in the job store.
 *
 * @param requesters the logins that asked for it, in order; the job runs if one of them may write to the repository
 */
record Job(long id, String deliveryId, long installationId, String owner, String repo, int issueNumber,
           String title, String body, String issueUrl, String cloneUrl, String defaultBranch, JobState state,
           int attempts, String runId, String reason, String prUrl, double costUsd, Instant createdAt,
           Instant startedAt, Instant finishedAt, java.util.List<String> requesters) {

    String fullName() {
        return owner + "/" + repo;
    }

    IssueText issue() {
        return new IssueText(fullName(), issueNumber, title, body, issueUrl);
    }

    /** The branch a fix is pushed to (a suffix is added when others have commits on it, see IssueJobRunner). */
    String branch() {
        return "quorum/issue-" + issueNumber;
    }
}
