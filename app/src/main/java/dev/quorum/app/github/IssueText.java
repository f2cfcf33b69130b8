package dev.quorum.app.github;

import java.util.Objects;

/**
 * The issue a job works on, as it read in the webhook that triggered the job.
 *
 * @param repository {@code owner/name}
 * @param number     the issue number
 * @param title      the issue title
 * @param body       the issue body (empty when the issue has none)
 * @param url        the issue's web address, for reports
 */
public record IssueText(String repository, int number, String title, String body, String url) {
    public IssueText {
        Objects.requireNonNull(repository, "repository");
        title = title == null ? "" : title;
        body = body == null ? "" : body;
        url = url == null ? "" : url;
    }

    /** Title and body as one text, the way the pipeline's stages read an issue. */
    public String fullText() {
        return body.isBlank() ? title : title + "\n\n" + body;
    }
}
