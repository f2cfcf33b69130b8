package dev.quorum.app.github;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.quorum.core.Redactor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub App server behind {@code quorum serve}: {@code POST /webhook}, {@code GET /healthz},
 * {@code GET /metrics}, a persistent job queue and the workers that solve queued issues.
 *
 * <p>It always starts when it has a webhook secret, so that GitHub's ping and the health check work while
 * it is being set up; it solves only when it has App credentials and a solver. Without them, triggers are
 * still queued (nothing is lost) and run once a server with both starts on the same data directory.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver}: three endpoints and a few requests a minute need no
 * framework, and it adds nothing to the shaded jar.
 */
public final class QuorumServer implements AutoCloseable {
    /** Why a server with credentials does not solve yet; the lead replaces the null solver with the pipeline. */
    public static final String PIPELINE_MISSING = "no model is configured (set QUORUM_MODEL and its API key)";

    private static final Logger LOG = LoggerFactory.getLogger(QuorumServer.class);

    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final JobStore store;
    private final JobWorkers workers;
    private final String notSolvingReason;

    private QuorumServer(HttpServer http, ExecutorService httpThreads, JobStore store, JobWorkers workers,
                         String notSolvingReason) {
        this.http = http;
        this.httpThreads = httpThreads;
        this.store = store;
        this.workers = workers;
        this.notSolvingReason = notSolvingReason;
    }

    /**
     * Opens the data directory, recovers jobs a previous process left running, and starts listening.
     *
     * @param solver the solve pipeline, or null while it does not exist (the server then queues but never solves)
     */
    public static QuorumServer start(ServerConfig config, IssueSolver solver) {
        return start(config, solver, Clock.systemUTC());
    }

    static QuorumServer start(ServerConfig config, IssueSolver solver, Clock clock) {
        JobStore store = JobStore.open(config.dataDir());
        try {
            int[] recovered = store.recoverInterrupted(clock.instant());
            if (recovered[0] + recovered[1] > 0) {
                LOG.warn("recovered jobs cut off by the last stop: {} queued again, {} failed", recovered[0],
                        recovered[1]);
            }
            OkHttpClient okhttp = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
            GitHubApi api = new GitHubApi(config.apiUrl(), okhttp, config.rateLimitMaxWait(), clock);
            InstallationTokens tokens = config.hasAppCredentials()
                    ? new InstallationTokens(api, AppJwt.fromPemFile(config.appId(), config.privateKey(), clock), clock)
                    : null;

            String notSolving = !config.hasAppCredentials()
                    ? "no App credentials (--app-id and --private-key): issues are queued but not solved"
                    : solver == null ? PIPELINE_MISSING + ": issues are queued but not solved" : null;
            // The server's configured secrets (its environment and the webhook secret), registered once.
            Redactor redactor = Redactor.fromEnvironment(System.getenv()).withSecrets(config.webhookSecret());
            JobWorkers workers = notSolving == null
                    ? new JobWorkers(store, new IssueJobRunner(config.dataDir(), api, tokens, solver, redactor),
                    config.concurrency(), clock, redactor)
                    : null;

            WebhookHandler.PermissionLookup permissions = (installation, owner, repo, user) -> tokens == null
                    ? null : api.permission(owner, repo, user, tokens.token(installation));
            Metrics metrics = new Metrics(store);
            Runnable wake = workers == null ? () -> { } : workers::wake;

            HttpServer http = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 0);
            ExecutorService httpThreads = Executors.newFixedThreadPool(4);
            http.setExecutor(httpThreads);
            http.createContext("/webhook",
                    new WebhookHandler(config, store, metrics, permissions, wake, clock, redactor));
            http.createContext("/healthz", exchange -> respond(exchange, 200, "application/json",
                    "{\"status\":\"ok\",\"solving\":" + (notSolving == null) + (notSolving == null ? ""
                            : ",\"reason\":\"" + notSolving + "\"") + "}"));
            http.createContext("/metrics", exchange -> respond(exchange, 200,
                    "text/plain; version=0.0.4; charset=utf-8", metrics.render()));
            http.start();
            if (workers != null) {
                workers.start();
            } else {
                LOG.warn("not solving: {}", notSolving);
            }
            LOG.info("quorum serve listening on {}:{} ({})", config.bindAddress(), http.getAddress().getPort(),
                    config);
            return new QuorumServer(http, httpThreads, store, workers, notSolving);
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Whether this server runs jobs; when not, {@link #notSolvingReason()} says why. */
    public boolean solving() {
        return notSolvingReason == null;
    }

    public String notSolvingReason() {
        return notSolvingReason;
    }

    JobStore store() {
        return store;
    }

    /** Stops accepting webhooks, lets running jobs finish (up to ten minutes), then closes the database. */
    @Override
    public void close() {
        http.stop(1);
        httpThreads.shutdown();
        if (workers != null) {
            workers.drain(Duration.ofMinutes(10));
        }
        store.close();
    }

    /**
     * Stops without draining, as a kill would: running jobs stay marked running in the database and are
     * recovered by the next start on the same data directory.
     */
    public void halt() {
        http.stop(0);
        httpThreads.shutdownNow();
        if (workers != null) {
            workers.halt();
        }
        store.close();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
