package dev.quorum.app.github;

/**
 * What a webhook asks for: solve this issue of this repository, through this installation.
 *
 * @param requestedBy the login that asked (labelled the issue or commented {@code /quorum fix}); its permission is
 *                    checked by the worker before anything runs. Null only for jobs recorded by older versions.
 */
record JobRequest(long installationId, String owner, String repo, int issueNumber, String title, String body,
                  String issueUrl, String cloneUrl, String defaultBranch, String requestedBy) {
}
