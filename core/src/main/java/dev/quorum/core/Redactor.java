package dev.quorum.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way credentials are kept out of everything Quorum writes or sends: logs, run events, trajectories,
 * reports, recordings, pull request bodies, comments and error messages.
 *
 * <p>It knows the shapes of credentials (provider keys {@code sk-...} / {@code sk-ant-...}, GitHub tokens, PEM
 * private keys, URL user-info, {@code Authorization} headers) and, on top, the run's configured secrets: the
 * values it was built with, usually every secret-named variable of the process environment at start-up. An
 * instance is immutable; {@link #withSecrets} returns a new one (e.g. with a just-minted installation token).
 */
public final class Redactor {
    /** What a credential is replaced with. */
    public static final String MARK = "[REDACTED]";

    /**
     * A value found in the environment shorter than this is not taken: it cannot be told from ordinary text (a
     * variable {@code GITHUB_TOKEN=true} must not blank out every "true"), and real keys are far longer.
     */
    static final int MIN_ENVIRONMENT_SECRET_LENGTH = 8;
    /** A value given as a secret is taken from this length on; shorter ones would blank out common words. */
    static final int MIN_SECRET_LENGTH = 4;

    private static final Pattern PROVIDER_KEY = Pattern.compile("\\bsk-(?:ant-)?[A-Za-z0-9_-]{20,}");
    private static final Pattern GITHUB_TOKEN =
            Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{20,})");
    private static final Pattern AWS_ACCESS_KEY = Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b");
    /** Terminated blocks, and also a block cut off by truncation (its base64 body runs to the end). */
    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile(
            "-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----"
                    + "(?:[\\s\\S]*?-----END \\1-----|[A-Za-z0-9+/=:,\\-\\s\\\\]*)");
    private static final Pattern URL_USER_INFO =
            Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@\"'<>]+@");
    private static final Pattern AUTH_HEADER =
            Pattern.compile("(?i)\\b(authorization\\s*[:=]\\s*\"?(?:bearer|token|basic)\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern LEADING_USER_INFO = Pattern.compile("(?i)^([a-z][a-z0-9+.-]*://)[^/@]*@");

    /** Environment variables that hold credentials, whatever their value looks like. */
    private static final Set<String> SECRET_VARIABLES = Set.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GITHUB_TOKEN",
            "GH_TOKEN", "QUORUM_WEBHOOK_SECRET");
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(?:^|_)(?:API_?KEY|TOKEN|SECRET|PASSWORD|PASSWD|PAT|CREDENTIALS?|ACCESS_KEY)(?:$|_)");
    /** Names that look secret but hold where a secret is ({@code QUORUM_PRIVATE_KEY=/etc/quorum/app.pem}). */
    private static final Pattern LOCATION_NAME = Pattern.compile("(?i)(?:_FILE|_PATH|_DIR|_URL)$");

    private final List<String> secrets;

    private Redactor(Collection<String> secrets) {
        Set<String> unique = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s != null && s.strip().length() >= MIN_SECRET_LENGTH) {
                unique.add(s.strip());
            }
        }
        List<String> sorted = new ArrayList<>(unique);
        // Longest first: a secret that contains another is replaced whole, not left half visible.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(sorted);
    }

    /** Knows the shapes of credentials only. */
    public static Redactor patternsOnly() {
        return new Redactor(List.of());
    }

    /**
     * The shapes, plus the value of every variable of {@code environment} that holds a credential: the known
     * ones ({@code OPENAI_API_KEY}, {@code ANTHROPIC_API_KEY}, {@code GITHUB_TOKEN}, {@code GH_TOKEN},
     * {@code QUORUM_WEBHOOK_SECRET}) and any named like one ({@code *_TOKEN}, {@code *_SECRET},
     * {@code *_API_KEY}, {@code *_PASSWORD}, ...; not {@code *_FILE}, {@code *_PATH}).
     */
    public static Redactor fromEnvironment(Map<String, String> environment) {
        List<String> values = new ArrayList<>();
        environment.forEach((name, value) -> {
            if (isSecretVariable(name) && value != null && value.strip().length() >= MIN_ENVIRONMENT_SECRET_LENGTH) {
                values.add(value);
            }
        });
        return new Redactor(values);
    }

    static boolean isSecretVariable(String name) {
        return SECRET_VARIABLES.contains(name)
                || SECRET_NAME.matcher(name).find() && !LOCATION_NAME.matcher(name).find();
    }

    /** This redactor, also knowing {@code values} (nulls and values shorter than 4 characters are ignored). */
    public Redactor withSecrets(String... values) {
        return withSecrets(values == null ? List.of() : java.util.Arrays.asList(values));
    }

    public Redactor withSecrets(Collection<String> values) {
        List<String> all = new ArrayList<>(secrets);
        values.forEach(all::add);
        return new Redactor(all);
    }

    /** How many configured secrets this redactor knows (never what they are). */
    public int configuredSecrets() {
        return secrets.size();
    }

    /** The text with every configured secret and every credential-shaped string replaced by {@link #MARK}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, MARK);
            }
        }
        out = PEM_PRIVATE_KEY.matcher(out)
                .replaceAll(m -> "-----" + Matcher.quoteReplacement(MARK + " " + m.group(1)) + "-----");
        out = URL_USER_INFO.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MARK) + "@");
        out = AUTH_HEADER.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MARK));
        out = PROVIDER_KEY.matcher(out).replaceAll(Matcher.quoteReplacement(MARK));
        out = GITHUB_TOKEN.matcher(out).replaceAll(Matcher.quoteReplacement(MARK));
        return AWS_ACCESS_KEY.matcher(out).replaceAll(Matcher.quoteReplacement(MARK));
    }

    /**
     * A copy of a JSON tree with every string value redacted. Redacting values rather than the serialized text
     * keeps the JSON valid: a pattern never spans a quote.
     */
    public JsonNode redact(JsonNode tree) {
        if (tree == null) {
            return null;
        }
        JsonNode copy = tree.deepCopy();
        redactInPlace(copy);
        return copy;
    }

    private void redactInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isTextual()) {
                    field.setValue(object.textNode(redact(field.getValue().textValue())));
                } else {
                    redactInPlace(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, array.textNode(redact(array.get(i).textValue())));
                } else {
                    redactInPlace(array.get(i));
                }
            }
        }
    }

    /**
     * An exception as one line for a log, an event or a user: its type and message, and its causes' messages
     * when they add something, all redacted.
     */
    public String describe(Throwable error) {
        StringBuilder out = new StringBuilder(error.getClass().getSimpleName());
        String message = error.getMessage();
        if (message != null) {
            out.append(": ").append(message);
        }
        Set<Throwable> seen = new java.util.HashSet<>();
        for (Throwable cause = error.getCause(); cause != null && seen.add(cause); cause = cause.getCause()) {
            String said = cause.getMessage();
            if (said != null && (message == null || !message.contains(said))) {
                out.append(" (caused by ").append(cause.getClass().getSimpleName()).append(": ").append(said)
                        .append(')');
            }
        }
        return redact(out.toString());
    }

    /**
     * A URL without its user-info: {@code https://x-access-token:T@github.com/a/b} → {@code https://github.com/a/b}.
     * For addresses that are stored or used as names (cache directories, {@code .git/config}); text that merely
     * mentions a URL goes through {@link #redact(String)}.
     */
    public static String withoutUserInfo(String url) {
        return url == null ? null : LEADING_USER_INFO.matcher(url.strip()).replaceFirst("$1");
    }

    @Override
    public String toString() {
        return "Redactor[" + secrets.size() + " configured secrets]";
    }
}
