package dev.quorum.app.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything {@code quorum serve} needs, resolved from flags, then environment variables, then the
 * {@code serve:} section of {@code quorum.yaml}, then defaults (first one set wins).
 *
 * @param bindAddress      interface to listen on
 * @param port             HTTP port; 0 picks a free one (tests)
 * @param webhookSecret    the App's webhook secret; every delivery must be signed with it
 * @param appId            the App's id, or null when the server runs without App credentials
 * @param privateKey       the App's private key PEM file, or null
 * @param dataDir          queue database, repository mirrors, run directories
 * @param apiUrl           REST API base (GitHub Enterprise: {@code https://HOST/api/v3})
 * @param label            the issue label that asks Quorum for a fix
 * @param concurrency      jobs solved at once
 * @param maxBodyBytes     larger webhook bodies are refused with 413
 * @param rateLimitMaxWait longest the server sleeps for a rate limit before giving up on a call
 * @param policy           who may trigger work and what Quorum may push (see {@link Policy})
 */
public record ServerConfig(String bindAddress, int port, String webhookSecret, String appId, Path privateKey,
                           Path dataDir, URI apiUrl, String label, int concurrency, long maxBodyBytes,
                           Duration rateLimitMaxWait, Policy policy) {

    public static final String DEFAULT_API_URL = "https://api.github.com";

    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(rateLimitMaxWait, "rateLimitMaxWait");
        policy = policy == null ? Policy.defaults() : policy;
        if (webhookSecret == null || webhookSecret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is required (--webhook-secret, QUORUM_WEBHOOK_SECRET"
                    + " or serve.webhook-secret in quorum.yaml): without it anyone could queue work");
        }
        if ((appId == null) != (privateKey == null)) {
            throw new IllegalArgumentException("--app-id and --private-key go together: give both or neither");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }

    /** The configuration with the default {@link Policy}. */
    public ServerConfig(String bindAddress, int port, String webhookSecret, String appId, Path privateKey,
                        Path dataDir, URI apiUrl, String label, int concurrency, long maxBodyBytes,
                        Duration rateLimitMaxWait) {
        this(bindAddress, port, webhookSecret, appId, privateKey, dataDir, apiUrl, label, concurrency, maxBodyBytes,
                rateLimitMaxWait, Policy.defaults());
    }

    /**
     * What the server lets in and sends out.
     *
     * @param allowProtectedChanges  push fixes that touch CI, build or wrapper files ({@link ProtectedPaths}); off:
     *                               such a fix is not pushed and the issue gets a comment saying why
     * @param draftPullRequests      open pull requests as drafts
     * @param allowedInstallations   installation ids whose webhooks are acted on; empty: any
     * @param allowedRepositories    {@code owner/name} (any case) whose webhooks are acted on; empty: any
     * @param maxQueuedJobs          jobs waiting at most; a trigger beyond it is answered 503 and not recorded
     * @param jobBudgetUsd           the most one job may spend on model calls, or null for no cap of its own
     * @param githubTimeout          bound on each GitHub API call and git transfer (token, permission, clone, push)
     */
    public record Policy(boolean allowProtectedChanges, boolean draftPullRequests, Set<Long> allowedInstallations,
                         Set<String> allowedRepositories, int maxQueuedJobs, Double jobBudgetUsd,
                         Duration githubTimeout) {
        public Policy {
            allowedInstallations = Set.copyOf(allowedInstallations);
            allowedRepositories = allowedRepositories.stream().map(r -> r.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
            Objects.requireNonNull(githubTimeout, "githubTimeout");
            if (maxQueuedJobs < 1) {
                throw new IllegalArgumentException("max-queued-jobs must be at least 1, was " + maxQueuedJobs);
            }
            if (jobBudgetUsd != null && (jobBudgetUsd <= 0 || jobBudgetUsd.isNaN())) {
                throw new IllegalArgumentException("job-budget-usd must be a positive amount, was " + jobBudgetUsd);
            }
            if (githubTimeout.isNegative() || githubTimeout.isZero()) {
                throw new IllegalArgumentException("github-timeout-seconds must be positive");
            }
        }

        public static Policy defaults() {
            return new Policy(false, true, Set.of(), Set.of(), 100, null, Duration.ofSeconds(30));
        }

        /** Whether webhooks from this installation and repository are acted on. */
        public boolean allows(long installationId, String owner, String repo) {
            return (allowedInstallations.isEmpty() || allowedInstallations.contains(installationId))
                    && (allowedRepositories.isEmpty()
                    || allowedRepositories.contains((owner + "/" + repo).toLowerCase(Locale.ROOT)));
        }

        public Policy withAllowProtectedChanges(boolean allow) {
            return new Policy(allow, draftPullRequests, allowedInstallations, allowedRepositories, maxQueuedJobs,
                    jobBudgetUsd, githubTimeout);
        }

        public Policy withDraftPullRequests(boolean draft) {
            return new Policy(allowProtectedChanges, draft, allowedInstallations, allowedRepositories, maxQueuedJobs,
                    jobBudgetUsd, githubTimeout);
        }

        public Policy withAllowlist(Set<Long> installations, Set<String> repositories) {
            return new Policy(allowProtectedChanges, draftPullRequests, installations, repositories, maxQueuedJobs,
                    jobBudgetUsd, githubTimeout);
        }

        public Policy withMaxQueuedJobs(int max) {
            return new Policy(allowProtectedChanges, draftPullRequests, allowedInstallations, allowedRepositories, max,
                    jobBudgetUsd, githubTimeout);
        }

        public Policy withJobBudgetUsd(Double usd) {
            return new Policy(allowProtectedChanges, draftPullRequests, allowedInstallations, allowedRepositories,
                    maxQueuedJobs, usd, githubTimeout);
        }

        public Policy withGithubTimeout(Duration timeout) {
            return new Policy(allowProtectedChanges, draftPullRequests, allowedInstallations, allowedRepositories,
                    maxQueuedJobs, jobBudgetUsd, timeout);
        }
    }

    /** True when the server can authenticate as the App (and so can check permissions and solve). */
    public boolean hasAppCredentials() {
        return appId != null;
    }

    /** Values given on the command line; null means "not given". */
    public record Flags(String bindAddress, Integer port, String webhookSecret, String appId, Path privateKey,
                        Path dataDir, String apiUrl, String label, Integer concurrency) {
        public static Flags none() {
            return new Flags(null, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * Resolves the configuration.
     *
     * @param flags      command-line values
     * @param env        environment variables ({@code QUORUM_WEBHOOK_SECRET}, {@code QUORUM_APP_ID}, ...)
     * @param configFile {@code quorum.yaml}; may be null or absent
     */
    public static ServerConfig resolve(Flags flags, Map<String, String> env, Path configFile) {
        JsonNode yaml = readServeSection(configFile);
        Path yamlBase = configFile == null || configFile.toAbsolutePath().getParent() == null
                ? Path.of(".") : configFile.toAbsolutePath().getParent();
        Function<String, Path> yamlPath = s -> yamlBase.resolve(s);

        String bind = first(flags.bindAddress(), env.get("QUORUM_BIND"), text(yaml, "bind"), "0.0.0.0");
        int port = Integer.parseInt(first(str(flags.port()), env.get("QUORUM_PORT"), text(yaml, "port"), "8080"));
        String secret = first(flags.webhookSecret(), env.get("QUORUM_WEBHOOK_SECRET"), text(yaml, "webhook-secret"),
                null);
        String appId = first(flags.appId(), env.get("QUORUM_APP_ID"), text(yaml, "app-id"), null);
        Path key = flags.privateKey() != null ? flags.privateKey()
                : env.get("QUORUM_PRIVATE_KEY") != null ? Path.of(env.get("QUORUM_PRIVATE_KEY"))
                : Optional.ofNullable(text(yaml, "private-key")).map(yamlPath).orElse(null);
        Path dataDir = flags.dataDir() != null ? flags.dataDir()
                : env.get("QUORUM_DATA_DIR") != null ? Path.of(env.get("QUORUM_DATA_DIR"))
                : Optional.ofNullable(text(yaml, "data-dir")).map(yamlPath).orElse(Path.of("quorum-data"));
        String api = first(flags.apiUrl(), env.get("QUORUM_API_URL"), text(yaml, "api-url"), DEFAULT_API_URL);
        String label = first(flags.label(), env.get("QUORUM_LABEL"), text(yaml, "label"), "quorum");
        int concurrency = Integer.parseInt(first(str(flags.concurrency()), env.get("QUORUM_CONCURRENCY"),
                text(yaml, "concurrency"), "2"));
        return new ServerConfig(bind, port, secret, appId, key, dataDir, URI.create(stripTrailingSlash(api)), label,
                concurrency, 5L * 1024 * 1024, Duration.ofSeconds(90), policy(yaml, env));
    }

    /** The policy from {@code QUORUM_*} variables and {@code quorum.yaml}, over the defaults. */
    private static Policy policy(JsonNode yaml, Map<String, String> env) {
        Policy d = Policy.defaults();
        boolean protectedChanges = Boolean.parseBoolean(first(null, env.get("QUORUM_ALLOW_PROTECTED_CHANGES"),
                text(yaml, "allow-protected-changes"), Boolean.toString(d.allowProtectedChanges())));
        boolean draft = Boolean.parseBoolean(first(null, env.get("QUORUM_DRAFT_PULL_REQUESTS"),
                text(yaml, "draft-pull-requests"), Boolean.toString(d.draftPullRequests())));
        Set<Long> installations = new LinkedHashSet<>();
        for (String id : list(env.get("QUORUM_ALLOWED_INSTALLATIONS"), yaml, "allowed-installations")) {
            try {
                installations.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("allowed-installations holds '" + id + "', not an installation id"
                        + " (the number in https://github.com/settings/installations/<id>)");
            }
        }
        Set<String> repositories = new LinkedHashSet<>();
        for (String repo : list(env.get("QUORUM_ALLOWED_REPOSITORIES"), yaml, "allowed-repositories")) {
            if (!repo.matches("[^/\\s]+/[^/\\s]+")) {
                throw new IllegalArgumentException("allowed-repositories holds '" + repo + "'; write owner/name");
            }
            repositories.add(repo);
        }
        int maxQueued = integer(first(null, env.get("QUORUM_MAX_QUEUED_JOBS"), text(yaml, "max-queued-jobs"),
                Integer.toString(d.maxQueuedJobs())), "max-queued-jobs");
        String budget = first(null, env.get("QUORUM_JOB_BUDGET_USD"), text(yaml, "job-budget-usd"), null);
        Double jobBudget;
        try {
            jobBudget = budget == null ? null : Double.valueOf(budget);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("job-budget-usd is '" + budget + "', not an amount of dollars");
        }
        int timeout = integer(first(null, env.get("QUORUM_GITHUB_TIMEOUT_SECONDS"), text(yaml,
                "github-timeout-seconds"), Long.toString(d.githubTimeout().toSeconds())), "github-timeout-seconds");
        return new Policy(protectedChanges, draft, installations, repositories, maxQueued, jobBudget,
                Duration.ofSeconds(timeout));
    }

    /** A comma-separated variable, else a YAML list (or one comma-separated string). */
    private static List<String> list(String variable, JsonNode section, String key) {
        List<String> out = new ArrayList<>();
        if (variable != null && !variable.isBlank()) {
            out.addAll(Arrays.asList(variable.split(",")));
        } else if (section != null && section.get(key) != null && section.get(key).isArray()) {
            section.get(key).forEach(n -> out.add(n.asText()));
        } else if (text(section, key) != null) {
            out.addAll(Arrays.asList(text(section, key).split(",")));
        }
        return out.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static int integer(String value, String key) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is '" + value + "', not a whole number");
        }
    }

    /** A copy with another rate-limit bound (tests keep it short). */
    public ServerConfig withRateLimitMaxWait(Duration wait) {
        return new ServerConfig(bindAddress, port, webhookSecret, appId, privateKey, dataDir, apiUrl, label,
                concurrency, maxBodyBytes, wait, policy);
    }

    /** A copy with another body size limit. */
    public ServerConfig withMaxBodyBytes(long bytes) {
        return new ServerConfig(bindAddress, port, webhookSecret, appId, privateKey, dataDir, apiUrl, label,
                concurrency, bytes, rateLimitMaxWait, policy);
    }

    /** A copy with another policy. */
    public ServerConfig withPolicy(Policy newPolicy) {
        return new ServerConfig(bindAddress, port, webhookSecret, appId, privateKey, dataDir, apiUrl, label,
                concurrency, maxBodyBytes, rateLimitMaxWait, newPolicy);
    }

    @Override
    public String toString() {
        // The secret never reaches a log line.
        return "ServerConfig[bind=" + bindAddress + ", port=" + port + ", appId=" + appId + ", privateKey="
                + privateKey + ", dataDir=" + dataDir + ", apiUrl=" + apiUrl + ", label=" + label + ", concurrency="
                + concurrency + ", policy=" + policy + "]";
    }

    private static JsonNode readServeSection(Path configFile) {
        if (configFile == null || !Files.isRegularFile(configFile)) {
            return null;
        }
        try {
            JsonNode root = new YAMLMapper().readTree(configFile.toFile());
            return root == null ? null : root.get("serve");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + configFile + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode section, String key) {
        if (section == null || !section.hasNonNull(key)) {
            return null;
        }
        return section.get(key).asText();
    }

    private static String str(Integer value) {
        return value == null ? null : value.toString();
    }

    private static String first(String a, String b, String c, String fallback) {
        for (String s : new String[] {a, b, c}) {
            if (s != null && !s.isBlank()) {
                return s;
            }
        }
        return fallback;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
