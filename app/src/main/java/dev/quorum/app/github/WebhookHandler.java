package dev.quorum.app.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.quorum.core.Json;
import dev.quorum.core.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhook}: authenticates a delivery by its signature, drops redeliveries, and turns the two
 * triggers (the label, {@code /quorum fix}) into queued jobs, each naming who asked. It makes no network call:
 * whether that person may write to the repository is checked by the worker that takes the job, so a slow GitHub
 * API never holds an HTTP thread and GitHub gets its answer at once. Every other authentic event is acknowledged
 * and ignored, so GitHub never retries it. Installations and repositories outside the configured allowlist are
 * ignored; a full queue is answered {@code 503} with the reason, and the delivery is not recorded.
 */
final class WebhookHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    /** Seconds GitHub (or whoever redelivers) is asked to wait when the queue is full. */
    static final int QUEUE_FULL_RETRY_AFTER_SECONDS = 60;

    private record Reply(int status, String outcome, String message) {
    }

    private final WebhookSignature signature;
    private final JobStore store;
    private final Metrics metrics;
    private final Runnable onQueued;
    private final String label;
    private final ServerConfig.Policy policy;
    private final long maxBodyBytes;
    private final Clock clock;
    private final Redactor redactor;
    private final ObjectMapper mapper = Json.mapper();

    WebhookHandler(ServerConfig config, JobStore store, Metrics metrics, Runnable onQueued, Clock clock,
                   Redactor redactor) {
        this.redactor = redactor;
        this.signature = new WebhookSignature(config.webhookSecret());
        this.store = store;
        this.metrics = metrics;
        this.onQueued = onQueued;
        this.label = config.label();
        this.policy = config.policy();
        this.maxBodyBytes = config.maxBodyBytes();
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        try {
            reply = reply(exchange);
        } catch (RuntimeException e) {
            LOG.error("webhook handling failed: {}", redactor.describe(e));
            reply = new Reply(500, "error", "internal error");
        }
        metrics.delivery(reply.outcome());
        byte[] bytes = (reply.message() + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (reply.status() == 503) {
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(QUEUE_FULL_RETRY_AFTER_SECONDS));
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Reply reply(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return new Reply(405, "bad_request", "POST only");
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && parseLong(length) > maxBodyBytes) {
            return new Reply(413, "too_large", "body larger than " + maxBodyBytes + " bytes");
        }
        byte[] body = readAtMost(exchange.getRequestBody(), maxBodyBytes);
        if (body == null) {
            return new Reply(413, "too_large", "body larger than " + maxBodyBytes + " bytes");
        }
        if (!signature.verify(body, exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"))) {
            return new Reply(401, "unauthorized", "missing or invalid X-Hub-Signature-256");
        }
        String event = exchange.getRequestHeaders().getFirst("X-GitHub-Event");
        String delivery = exchange.getRequestHeaders().getFirst("X-GitHub-Delivery");
        if (event == null || delivery == null || delivery.isBlank() || delivery.length() > 200) {
            return new Reply(400, "bad_request", "X-GitHub-Event and X-GitHub-Delivery are required");
        }
        if (store.seen(delivery)) {
            return new Reply(200, "duplicate", "delivery " + delivery + " was handled before; ignored");
        }
        JsonNode payload;
        try {
            payload = mapper.readTree(body);
        } catch (IOException e) {
            return new Reply(400, "bad_request", "body is not JSON");
        }
        if (payload == null || !payload.isObject()) {
            return new Reply(400, "bad_request", "body is not a JSON object");
        }
        return route(event, delivery, payload);
    }

    private Reply route(String event, String delivery, JsonNode p) {
        String action = p.path("action").asText("");
        switch (event) {
            case "ping" -> {
                store.accept(delivery, event, null, clock.instant());
                return new Reply(200, "ping", "pong");
            }
            case "installation", "installation_repositories" -> {
                JsonNode inst = p.path("installation");
                store.recordInstallation(inst.path("id").asLong(), inst.path("account").path("login").asText(null),
                        event + "." + action, clock.instant());
                store.accept(delivery, event, null, clock.instant());
                return new Reply(200, "installation", "installation " + inst.path("id").asLong() + " " + action
                        + " recorded");
            }
            case "issues" -> {
                if (!"labeled".equals(action) || !label.equalsIgnoreCase(p.path("label").path("name").asText())) {
                    return ignored(delivery, event, "issues." + action + " is not the '" + label + "' label");
                }
                if ("Bot".equals(p.path("sender").path("type").asText())) {
                    return ignored(delivery, event, "labels from bots do not trigger runs");
                }
                return trigger(delivery, event, p, sender(p), "labeled '" + label + "'");
            }
            case "issue_comment" -> {
                if (!"created".equals(action) || !asksForFix(p.path("comment").path("body").asText(""))) {
                    return ignored(delivery, event, "not a new /quorum fix comment");
                }
                if (p.path("issue").has("pull_request")) {
                    return ignored(delivery, event, "/quorum fix works on issues, not pull requests");
                }
                if ("Bot".equals(p.path("comment").path("user").path("type").asText())) {
                    return ignored(delivery, event, "comments from bots do not trigger runs");
                }
                String user = p.path("comment").path("user").path("login").asText(sender(p));
                return trigger(delivery, event, p, user, "/quorum fix");
            }
            default -> {
                return ignored(delivery, event, event + " events are not handled");
            }
        }
    }

    private Reply trigger(String delivery, String event, JsonNode p, String user, String how) {
        JsonNode issue = p.path("issue");
        JsonNode repository = p.path("repository");
        long installation = p.path("installation").path("id").asLong(0);
        if (installation == 0 || !issue.has("number") || !repository.has("clone_url")) {
            return ignored(delivery, event, "payload lacks installation, issue or repository");
        }
        String owner = repository.path("owner").path("login").asText();
        String name = repository.path("name").asText();
        if (!policy.allows(installation, owner, name)) {
            store.accept(delivery, event, null, clock.instant());
            LOG.info("ignored {} on {}/{} (installation {}): not in this server's allowlist", how, owner, name,
                    installation);
            return new Reply(200, "not_allowed", "ignored: installation " + installation + " / repository " + owner
                    + "/" + name + " is not in this server's allowlist (serve.allowed-installations, "
                    + "serve.allowed-repositories)");
        }
        java.util.Optional<String> skip = IssueEligibility.skipReason(issue);
        if (skip.isPresent()) {
            LOG.info("skipped {}/{}: {}", owner, name, skip.get());
            return ignored(delivery, event, skip.get());
        }
        JobRequest request = new JobRequest(installation, owner, name, issue.path("number").asInt(),
                issue.path("title").asText(""), issue.path("body").asText(""), issue.path("html_url").asText(""),
                repository.path("clone_url").asText(), repository.path("default_branch").asText("main"), user);
        String where = owner + "/" + name + "#" + request.issueNumber();
        return switch (store.accept(delivery, event, request, policy.maxQueuedJobs(), clock.instant())) {
            case QUEUED -> {
                LOG.info("queued {} ({} by {}, delivery {})", where, how, user, delivery);
                onQueued.run();
                yield new Reply(202, "queued", "queued " + where + "; " + user + "'s permission is checked before it"
                        + " runs");
            }
            case ALREADY_ACTIVE -> new Reply(200, "already_active", where + " is already queued or running");
            case DUPLICATE_DELIVERY -> new Reply(200, "duplicate", "delivery " + delivery + " was handled before");
            case RECORDED -> new Reply(200, "ignored", "recorded");
            case QUEUE_FULL -> {
                LOG.warn("refused {} ({} by {}): the queue is full", where, how, user);
                yield new Reply(503, "queue_full", "queue full: " + policy.maxQueuedJobs() + " jobs are waiting "
                        + "(serve.max-queued-jobs); nothing was recorded, redeliver this delivery later");
            }
        };
    }

    private Reply ignored(String delivery, String event, String why) {
        store.accept(delivery, event, null, clock.instant());
        return new Reply(200, "ignored", "ignored: " + why);
    }

    /** A line that is exactly {@code /quorum fix} (trailing words allowed), the way slash commands read. */
    static boolean asksForFix(String comment) {
        return comment.lines().map(String::strip).anyMatch(line -> line.equals("/quorum fix")
                || line.startsWith("/quorum fix "));
    }

    private static String sender(JsonNode p) {
        return p.path("sender").path("login").asText("someone");
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The whole stream, or null as soon as it proves longer than {@code max}. */
    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
