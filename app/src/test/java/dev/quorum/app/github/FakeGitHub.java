package dev.quorum.app.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.quorum.core.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the GitHub REST API: a real HTTP server on loopback that answers the calls the App makes with
 * bodies shaped like GitHub's documented responses, and records every request for assertions.
 */
final class FakeGitHub implements AutoCloseable {
    record Received(String method, String path, String query, String authorization, String body) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A canned answer served before the normal ones (rate-limit tests). */
    record Canned(int status, Map<String, String> headers, String body) {
    }

    private static final Pattern TOKENS = Pattern.compile("/app/installations/(\\d+)/access_tokens");
    private static final Pattern PERMISSION =
            Pattern.compile("/repos/([^/]+)/([^/]+)/collaborators/([^/]+)/permission");
    private static final Pattern COMMENTS = Pattern.compile("/repos/([^/]+)/([^/]+)/issues/(\\d+)/comments");
    private static final Pattern PULLS = Pattern.compile("/repos/([^/]+)/([^/]+)/pulls");
    private static final Pattern TIMELINE = Pattern.compile("/repos/([^/]+)/([^/]+)/issues/(\\d+)/timeline");

    private final HttpServer server;
    private final ObjectMapper mapper = Json.mapper();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> permissions = new ConcurrentHashMap<>();
    private final Map<Integer, String> timelines = new ConcurrentHashMap<>();
    private final Deque<Canned> canned = new ArrayDeque<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger(1000);
    private final Clock clock;
    private volatile long tokenLifetimeSeconds = 3600;
    private volatile long permissionDelayMillis;
    private volatile java.security.interfaces.RSAPublicKey appKey;

    FakeGitHub(Clock clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on, access-token requests must carry a JWT signed by the matching private key (else 401). */
    void requireAppJwt(java.security.interfaces.RSAPublicKey key) {
        this.appKey = key;
    }

    void tokenLifetime(long seconds) {
        this.tokenLifetimeSeconds = seconds;
    }

    /** From now on the permission endpoint answers only after this long (a slow or stuck API). */
    void delayPermissionAnswers(java.time.Duration delay) {
        this.permissionDelayMillis = delay.toMillis();
    }

    void permission(String user, String permission) {
        permissions.put(user, permission);
    }

    /** What {@code GET /repos/o/r/issues/<issue>/timeline} answers (a JSON array); {@code []} when not set. */
    void timeline(int issue, String events) {
        timelines.put(issue, events);
    }

    synchronized void enqueue(Canned answer) {
        canned.add(answer);
    }

    /** The token the n-th (1-based) access-token request returns; predictable so tests can search for it. */
    static String tokenNumber(int n) {
        return "ghs_fakeInstallationToken" + n + "x".repeat(16);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(String method, String pathPrefixRegex) {
        return received.stream().filter(r -> r.method().equals(method) && r.path().matches(pathPrefixRegex)).toList();
    }

    int tokensIssued() {
        return tokensIssued.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        received.add(new Received(ex.getRequestMethod(), path, ex.getRequestURI().getQuery(),
                ex.getRequestHeaders().getFirst("Authorization"), body));
        Canned next;
        synchronized (this) {
            next = canned.poll();
        }
        if (next != null) {
            next.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            reply(ex, next.status(), next.body());
            return;
        }
        Matcher m;
        if ("POST".equals(ex.getRequestMethod()) && (m = TOKENS.matcher(path)).matches()) {
            if (appKey != null && !validAppJwt(ex.getRequestHeaders().getFirst("Authorization"))) {
                reply(ex, 401, "{\"message\": \"A JSON web token could not be decoded\"}");
                return;
            }
            int n = tokensIssued.incrementAndGet();
            Instant expires = clock.instant().plusSeconds(tokenLifetimeSeconds);
            // Like GitHub: a request naming permissions or repositories gets a token limited to them.
            JsonNode req = body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
            var answer = mapper.createObjectNode().put("token", tokenNumber(n)).put("expires_at", expires.toString());
            answer.set("permissions", req.has("permissions") ? req.get("permissions") : mapper.readTree(
                    "{\"contents\": \"write\", \"issues\": \"write\", \"pull_requests\": \"write\", "
                            + "\"workflows\": \"write\", \"metadata\": \"read\"}"));
            answer.put("repository_selection", "selected");
            if (req.has("repositories")) {
                var repos = answer.putArray("repositories");
                req.get("repositories").forEach(r -> repos.addObject().put("id", 1296269).put("name", r.asText())
                        .put("full_name", "acme/" + r.asText()).put("private", false));
            }
            reply(ex, 201, answer.toString());
        } else if ("GET".equals(ex.getRequestMethod()) && (m = PERMISSION.matcher(path)).matches()) {
            String user = m.group(3);
            if (permissionDelayMillis > 0) {
                try {
                    Thread.sleep(permissionDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String permission = permissions.get(user);
            if (permission == null) {
                reply(ex, 404, "{\"message\": \"Not Found\", \"documentation_url\": \"https://docs.example/rest\"}");
                return;
            }
            reply(ex, 200, """
                    {"permission": "%s", "role_name": "%s",
                     "user": {"login": "%s", "id": 583231, "type": "User", "site_admin": false}}"""
                    .formatted(permission, permission, user));
        } else if ("POST".equals(ex.getRequestMethod()) && (m = COMMENTS.matcher(path)).matches()) {
            int id = ids.incrementAndGet();
            reply(ex, 201, mapper.createObjectNode().put("id", id)
                    .put("html_url", "https://github.example/" + m.group(1) + "/" + m.group(2) + "/issues/"
                            + m.group(3) + "#issuecomment-" + id)
                    .put("body", mapper.readTree(body).path("body").asText())
                    .put("created_at", clock.instant().toString()).toString());
        } else if ("GET".equals(ex.getRequestMethod()) && (m = TIMELINE.matcher(path)).matches()) {
            reply(ex, 200, timelines.getOrDefault(Integer.parseInt(m.group(3)), "[]"));
        } else if ("GET".equals(ex.getRequestMethod()) && PULLS.matcher(path).matches()) {
            reply(ex, 200, "[]");
        } else if ("POST".equals(ex.getRequestMethod()) && (m = PULLS.matcher(path)).matches()) {
            JsonNode req = mapper.readTree(body);
            int number = ids.incrementAndGet();
            reply(ex, 201, mapper.createObjectNode().put("id", number * 7).put("number", number).put("state", "open")
                    .put("html_url", "https://github.example/" + m.group(1) + "/" + m.group(2) + "/pull/" + number)
                    .put("title", req.path("title").asText()).put("body", req.path("body").asText())
                    .set("head", mapper.createObjectNode().put("ref", req.path("head").asText())).toString());
        } else {
            reply(ex, 404, "{\"message\": \"Not Found\"}");
        }
    }

    private boolean validAppJwt(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        try {
            // Checked against this fake's clock, so that tests can move time.
            var verification = (com.auth0.jwt.JWTVerifier.BaseVerification) com.auth0.jwt.JWT.require(
                    com.auth0.jwt.algorithms.Algorithm.RSA256(appKey, null));
            verification.build(clock).verify(authorization.substring("Bearer ".length()));
            return true;
        } catch (com.auth0.jwt.exceptions.JWTVerificationException e) {
            System.err.println("fake GitHub rejected the App JWT: " + e.getMessage());
            return false;
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
