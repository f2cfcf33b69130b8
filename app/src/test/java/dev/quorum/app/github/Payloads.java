package dev.quorum.app.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Webhook payloads shaped like GitHub's documented {@code issues} and {@code issue_comment} events (the fields
 * the App reads plus the usual neighbours), pointing {@code repository.clone_url} at a local bare repository.
 */
final class Payloads {
    static final long INSTALLATION = 4242;

    private Payloads() {
    }

    static String labeled(String cloneUrl, int issue, String label) {
        return labeled(cloneUrl, issue, label, "Greeting says Helo instead of Hello",
                "Greeting.greet(\"Ada\") returns \"Helo, Ada\". Expected \"Hello, Ada\".");
    }

    /** An {@code issues} labeled event for an issue with this title and body. */
    static String labeled(String cloneUrl, int issue, String label, String title, String body) {
        return labeledBy("octocat", cloneUrl, issue, label, title, body);
    }

    /** An {@code issues} labeled event sent by {@code sender}. */
    static String labeledBy(String sender, String cloneUrl, int issue, String label) {
        return labeledBy(sender, cloneUrl, issue, label, "Greeting says Helo instead of Hello",
                "Greeting.greet(\"Ada\") returns \"Helo, Ada\". Expected \"Hello, Ada\".");
    }

    private static String labeledBy(String sender, String cloneUrl, int issue, String label, String title,
                                    String body) {
        return """
                {
                  "action": "labeled",
                  "issue": %s,
                  "label": {"id": 208045946, "node_id": "MDU6TGFiZWwyMDgwNDU5NDY=", "name": "%s",
                            "color": "f29513", "default": false, "description": "Ask Quorum for a fix"},
                  "repository": %s,
                  "sender": {"login": "%s", "id": 1, "type": "User", "site_admin": false},
                  "installation": {"id": %d, "node_id": "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg=="}
                }""".formatted(issue(issue, label, title, body), label, repository(cloneUrl), sender, INSTALLATION);
    }

    static String comment(String cloneUrl, int issue, String user, String body) {
        ObjectNode comment = Json.mapper().createObjectNode();
        comment.put("id", 444500041).put("body", body).put("author_association", "CONTRIBUTOR")
                .put("html_url", "https://github.example/acme/greeter/issues/" + issue + "#issuecomment-444500041")
                .putObject("user").put("login", user).put("id", 21031067).put("type", "User");
        return """
                {
                  "action": "created",
                  "issue": %s,
                  "comment": %s,
                  "repository": %s,
                  "sender": {"login": "%s", "id": 21031067, "type": "User", "site_admin": false},
                  "installation": {"id": %d, "node_id": "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg=="}
                }""".formatted(issue(issue, null, "Greeting says Helo instead of Hello", "Greeting.greet(\"Ada\") returns \"Helo, Ada\". Expected \"Hello, Ada\"."), comment, repository(cloneUrl), user, INSTALLATION);
    }

    static String installationCreated() {
        return """
                {"action": "created",
                 "installation": {"id": %d, "account": {"login": "acme", "id": 9919, "type": "Organization"},
                                  "repository_selection": "selected", "app_id": 12345,
                                  "permissions": {"contents": "write", "issues": "write", "pull_requests": "write",
                                                  "metadata": "read"},
                                  "events": ["issues", "issue_comment"]},
                 "repositories": [{"id": 1296269, "name": "greeter", "full_name": "acme/greeter", "private": false}],
                 "sender": {"login": "octocat", "id": 1, "type": "User"}}""".formatted(INSTALLATION);
    }

    private static String issue(int number, String label, String title, String body) {
        ObjectMapper m = Json.mapper();
        ObjectNode issue = m.createObjectNode();
        issue.put("url", "https://api.github.example/repos/acme/greeter/issues/" + number)
                .put("html_url", "https://github.example/acme/greeter/issues/" + number)
                .put("id", 327883527L + number).put("node_id", "MDU6SXNzdWUzMjc4ODM1Mjc=").put("number", number)
                .put("title", title)
                .put("state", "open").put("locked", false).put("comments", 0)
                .put("created_at", "2026-11-20T10:00:00Z").put("updated_at", "2026-11-20T10:05:00Z")
                .put("author_association", "OWNER")
                .put("body", body);
        issue.putObject("user").put("login", "octocat").put("id", 1).put("type", "User");
        var labels = issue.putArray("labels");
        if (label != null) {
            labels.addObject().put("id", 208045946).put("name", label).put("color", "f29513").put("default", false);
        }
        try {
            return m.writeValueAsString(issue);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String repository(String cloneUrl) {
        ObjectNode repo = Json.mapper().createObjectNode();
        repo.put("id", 1296269).put("node_id", "MDEwOlJlcG9zaXRvcnkxMjk2MjY5").put("name", "greeter")
                .put("full_name", "acme/greeter").put("private", false)
                .put("html_url", "https://github.example/acme/greeter")
                .put("url", "https://api.github.example/repos/acme/greeter")
                .put("clone_url", cloneUrl).put("default_branch", "main");
        repo.putObject("owner").put("login", "acme").put("id", 9919).put("type", "Organization");
        return repo.toString();
    }
}
