package dev.quorum.app.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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
 */
public record ServerConfig(String bindAddress, int port, String webhookSecret, String appId, Path privateKey,
                           Path dataDir, URI apiUrl, String label, int concurrency, long maxBodyBytes,
                           Duration rateLimitMaxWait) {

    public static final String DEFAULT_API_URL = "https://api.github.com";

    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(rateLimitMaxWait, "rateLimitMaxWait");
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
                concurrency, 5L * 1024 * 1024, Duration.ofSeconds(90));
    }

    /** A copy with another rate-limit bound (tests keep it short). */
    public ServerConfig withRateLimitMaxWait(Duration wait) {
        return new ServerConfig(bindAddress, port, webhookSecret, appId, privateKey, dataDir, apiUrl, label,
                concurrency, maxBodyBytes, wait);
    }

    /** A copy with another body size limit. */
    public ServerConfig withMaxBodyBytes(long bytes) {
        return new ServerConfig(bindAddress, port, webhookSecret, appId, privateKey, dataDir, apiUrl, label,
                concurrency, bytes, rateLimitMaxWait);
    }

    @Override
    public String toString() {
        // The secret never reaches a log line.
        return "ServerConfig[bind=" + bindAddress + ", port=" + port + ", appId=" + appId + ", privateKey="
                + privateKey + ", dataDir=" + dataDir + ", apiUrl=" + apiUrl + ", label=" + label + ", concurrency="
                + concurrency + "]";
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
