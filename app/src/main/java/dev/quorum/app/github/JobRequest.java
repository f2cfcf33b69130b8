package dev.quorum.app.github;

/** What a webhook asks for: solve this issue of this repository, through this installation. */
record JobRequest(long installationId, String owner, String repo, int issueNumber, String title, String body,
                  String issueUrl, String cloneUrl, String defaultBranch) {
}
