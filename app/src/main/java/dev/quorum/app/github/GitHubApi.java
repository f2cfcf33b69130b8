package dev.quorum.app.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The few GitHub REST calls the App makes. Rate limits are honoured: a 403/429 with {@code retry-after}
 * waits that long, an exhausted {@code x-ratelimit-remaining} waits until {@code x-ratelimit-reset}, both
 * bounded by {@code maxWait} (beyond it the call fails instead of hanging a worker for an hour).
 */
final class GitHubApi {
    record InstallationToken(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "InstallationToken[expiresAt=" + expiresAt + "]";
        }
    }

    record PullRequest(int number, String htmlUrl) {
    }

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_TRIES = 4;

    private final String baseUrl;
    private final OkHttpClient http;
    private final Duration maxWait;
    private final Clock clock;
    private final ObjectMapper mapper = Json.mapper();
    private volatile Instant pausedUntil = Instant.EPOCH;

    GitHubApi(URI baseUrl, OkHttpClient http, Duration maxWait, Clock clock) {
        String s = baseUrl.toString();
        this.baseUrl = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        this.http = http;
        this.maxWait = maxWait;
        this.clock = clock;
    }

    /**
     * A token for one repository with only what a job needs: push the branch ({@code contents}), open the pull
     * request, comment on the issue, and read metadata (collaborator permissions). Never {@code workflows}: a
     * token without it cannot push changes under {@code .github/workflows}, whatever the App was granted.
     */
    InstallationToken createInstallationToken(long installationId, String repo, String appJwt) {
        ObjectNode req = mapper.createObjectNode();
        req.putArray("repositories").add(repo);
        req.putObject("permissions").put("contents", "write").put("pull_requests", "write").put("issues", "write")
                .put("metadata", "read");
        JsonNode r = send("POST", "/app/installations/" + installationId + "/access_tokens", appJwt, req);
        return new InstallationToken(r.path("token").asText(), Instant.parse(r.path("expires_at").asText()));
    }

    /** The user's permission on the repository: {@code admin}, {@code write}, {@code read} or {@code none}. */
    String permission(String owner, String repo, String user, String token) {
        try {
            JsonNode r = send("GET", "/repos/" + path(owner) + "/" + path(repo) + "/collaborators/" + path(user)
                    + "/permission", token, null);
            return r.path("permission").asText("none");
        } catch (GitHubApiException e) {
            if (e.status() == 404) {
                return "none";
            }
            throw e;
        }
    }

    String comment(String owner, String repo, int issue, String body, String token) {
        ObjectNode req = mapper.createObjectNode().put("body", body);
        return send("POST", "/repos/" + path(owner) + "/" + path(repo) + "/issues/" + issue + "/comments", token, req)
                .path("html_url").asText("");
    }

    /**
     * Opens a pull request, as a draft when asked. Repositories whose plan has no draft pull requests answer 422
     * ("Draft pull requests are not supported"); the request is then made again as an ordinary one.
     */
    PullRequest openPullRequest(String owner, String repo, String title, String head, String base, String body,
                                boolean draft, String token) {
        ObjectNode req = mapper.createObjectNode().put("title", title).put("head", head).put("base", base)
                .put("body", body).put("maintainer_can_modify", true).put("draft", draft);
        String pulls = "/repos/" + path(owner) + "/" + path(repo) + "/pulls";
        JsonNode r;
        try {
            r = send("POST", pulls, token, req);
        } catch (GitHubApiException e) {
            if (!draft || e.status() != 422 || !e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("draft")) {
                throw e;
            }
            r = send("POST", pulls, token, req.put("draft", false));
        }
        return new PullRequest(r.path("number").asInt(), r.path("html_url").asText());
    }

    /** The issue's timeline events (the first 100), where linked and referencing pull requests show. */
    JsonNode timeline(String owner, String repo, int issue, String token) {
        return send("GET", "/repos/" + path(owner) + "/" + path(repo) + "/issues/" + issue + "/timeline?per_page=100",
                token, null);
    }

    /** An open pull request from {@code owner:branch}, so that a retried job reuses it instead of opening another. */
    Optional<PullRequest> findOpenPullRequest(String owner, String repo, String branch, String token) {
        JsonNode r = send("GET", "/repos/" + path(owner) + "/" + path(repo) + "/pulls?state=open&head="
                + URLEncoder.encode(owner + ":" + branch, StandardCharsets.UTF_8), token, null);
        if (r.isArray() && !r.isEmpty()) {
            return Optional.of(new PullRequest(r.get(0).path("number").asInt(), r.get(0).path("html_url").asText()));
        }
        return Optional.empty();
    }

    private JsonNode send(String method, String pathAndQuery, String bearer, JsonNode body) {
        for (int attempt = 1; ; attempt++) {
            waitOut(pausedUntil, "the rate limit is exhausted");
            Request.Builder b = new Request.Builder().url(baseUrl + pathAndQuery)
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", "2022-11-28")
                    .header("User-Agent", "quorum-app")
                    .header("Authorization", "Bearer " + bearer);
            b.method(method, body == null ? null : RequestBody.create(write(body), JSON));
            try (Response response = http.newCall(b.build()).execute()) {
                String text = response.body().string();
                String remaining = response.header("x-ratelimit-remaining");
                Instant reset = resetTime(response.header("x-ratelimit-reset"));
                if ("0".equals(remaining) && reset != null) {
                    pausedUntil = reset;
                }
                int code = response.code();
                if ((code == 403 || code == 429) && attempt < MAX_TRIES) {
                    String retryAfter = response.header("retry-after");
                    if (retryAfter != null) {
                        waitOut(clock.instant().plusSeconds(parseSeconds(retryAfter)), "GitHub asked to retry later");
                        continue;
                    }
                    if ("0".equals(remaining) && reset != null) {
                        continue; // the loop head waits until the reset
                    }
                }
                if (code < 200 || code >= 300) {
                    throw new GitHubApiException(code, method + " " + pathAndQuery.replaceAll("\\?.*", "") + ": HTTP "
                            + code + " " + messageOf(text));
                }
                return text.isBlank() ? mapper.createObjectNode() : mapper.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + pathAndQuery.replaceAll("\\?.*", "") + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private void waitOut(Instant until, String why) {
        Duration wait = Duration.between(clock.instant(), until);
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        if (wait.compareTo(maxWait) > 0) {
            throw new GitHubApiException(429, why + " until " + until + ", longer than the " + maxWait.toSeconds()
                    + " s this server waits");
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the GitHub rate limit", e);
        }
    }

    private static Instant resetTime(String header) {
        try {
            return header == null ? null : Instant.ofEpochSecond(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long parseSeconds(String header) {
        try {
            return Math.max(0, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return 60; // an HTTP-date; GitHub sends seconds, so a minute is a safe reading of anything else
        }
    }

    private String messageOf(String body) {
        try {
            JsonNode n = mapper.readTree(body);
            if (n != null && n.hasNonNull("message")) {
                return n.get("message").asText();
            }
        } catch (IOException e) {
            // not JSON: fall through to the raw text
        }
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

    private byte[] write(JsonNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
