package dev.quorum.app.github;

import java.time.Instant;

/** One queued request to solve an issue, as persisted in the job store. */
record Job(long id, String deliveryId, long installationId, String owner, String repo, int issueNumber,
           String title, String body, String issueUrl, String cloneUrl, String defaultBranch, JobState state,
           int attempts, String runId, String reason, String prUrl, double costUsd, Instant createdAt,
           Instant startedAt, Instant finishedAt) {

    String fullName() {
        return owner + "/" + repo;
    }

    IssueText issue() {
        return new IssueText(fullName(), issueNumber, title, body, issueUrl);
    }

    String branch() {
        return "quorum/issue-" + issueNumber;
    }
}
