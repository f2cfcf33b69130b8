package dev.quorum.app.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Issues Quorum leaves alone, and why: closed, locked (no one can discuss a proposal there), assigned to someone
 * (a person is on it; a GitHub App cannot be an assignee, so any assignee is someone else), or already having a
 * fix in an open pull request that references it or is linked to it.
 */
final class IssueEligibility {
    private IssueEligibility() {
    }

    /** Why an issue (the {@code issue} object of a webhook payload or the REST API) is not for Quorum, if it is not. */
    static Optional<String> skipReason(JsonNode issue) {
        int number = issue.path("number").asInt();
        if (!"open".equals(issue.path("state").asText("open"))) {
            return Optional.of("issue #" + number + " is closed");
        }
        if (issue.path("locked").asBoolean(false)) {
            return Optional.of("issue #" + number + " is locked");
        }
        List<String> assignees = new ArrayList<>();
        issue.path("assignees").forEach(a -> assignees.add(a.path("login").asText()));
        if (assignees.isEmpty() && issue.path("assignee").hasNonNull("login")) {
            assignees.add(issue.path("assignee").path("login").asText());
        }
        if (!assignees.isEmpty()) {
            return Optional.of("issue #" + number + " is assigned to " + String.join(", ", assignees));
        }
        return Optional.empty();
    }

    /**
     * An open pull request that already proposes a fix, from the issue's timeline
     * ({@code GET /repos/o/r/issues/n/timeline}): a pull request linked in the sidebar ({@code connected}, not
     * later {@code disconnected}), or an open one that references the issue and is not Quorum's own.
     */
    static Optional<String> linkedFix(JsonNode timeline) {
        int connected = 0;
        List<String> referencing = new ArrayList<>();
        for (JsonNode event : timeline) {
            switch (event.path("event").asText()) {
                case "connected" -> connected++;
                case "disconnected" -> connected = Math.max(0, connected - 1);
                case "cross-referenced" -> {
                    JsonNode source = event.path("source").path("issue");
                    boolean openPullRequest = source.has("pull_request") && "open".equals(source.path("state").asText())
                            && source.path("pull_request").path("merged_at").isNull();
                    boolean ours = "Bot".equals(source.path("user").path("type").asText())
                            && source.path("title").asText().startsWith("Quorum: ");
                    if (openPullRequest && !ours) {
                        referencing.add("#" + source.path("number").asInt());
                    }
                }
                default -> {
                    // other timeline events say nothing about a fix
                }
            }
        }
        if (!referencing.isEmpty()) {
            return Optional.of("open pull request " + String.join(", ", referencing) + " already references it");
        }
        return connected > 0 ? Optional.of("a pull request is already linked to it") : Optional.empty();
    }
}
