package dev.quorum.app.github;

/** A GitHub REST call that did not succeed; the message carries the status and GitHub's own message. */
final class GitHubApiException extends RuntimeException {
    private final int status;

    GitHubApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
