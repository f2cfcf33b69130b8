package dev.quorum.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each credential shape, the configured secrets, and the forms text takes on the way to a sink. */
class RedactorTest {
    static final String OPENAI = "sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56";
    static final String ANTHROPIC = "sk-ant-api03-Zy98Xw76Vu54Ts32Rq10PoNmLk";
    final Redactor patterns = Redactor.patternsOnly();

    @Test
    void providerKeys() {
        assertThat(patterns.redact("key=" + OPENAI + " and " + ANTHROPIC + "."))
                .isEqualTo("key=[REDACTED] and [REDACTED].");
        assertThat(patterns.redact("OPENAI_API_KEY=sk-abcdefghijklmnopqrstuvwxyz012345\0HOME=/root"))
                .isEqualTo("OPENAI_API_KEY=[REDACTED]\0HOME=/root");
        // Ordinary words with the same start are left alone.
        assertThat(patterns.redact("task-runner sk-learn risk-free")).isEqualTo("task-runner sk-learn risk-free");
    }

    @Test
    void gitHubTokensOfEveryKind() {
        for (String prefix : new String[] {"ghp_", "gho_", "ghs_", "ghu_", "ghr_"}) {
            String token = prefix + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
            assertThat(patterns.redact("token " + token + " expired")).isEqualTo("token [REDACTED] expired");
        }
        assertThat(patterns.redact("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123"))
                .isEqualTo("[REDACTED]");
    }

    @Test
    void urlUserInfoAndAccessTokenUrls() {
        String text = "push to https://x-access-token:ghs_abcdefghijklmnop1234@github.example/acme/greeter.git failed;"
                + " proxy http://alice:pa55word@proxy.corp:3128 down";
        String out = patterns.redact(text);
        assertThat(out).doesNotContain("ghs_", "x-access-token", "pa55word", "alice")
                .contains("https://[REDACTED]@github.example/acme/greeter.git", "http://[REDACTED]@proxy.corp:3128");
        assertThat(Redactor.withoutUserInfo("https://x-access-token:ghs_abc@github.com/acme/greeter.git"))
                .isEqualTo("https://github.com/acme/greeter.git");
        assertThat(Redactor.withoutUserInfo("https://github.com/acme/greeter.git"))
                .isEqualTo("https://github.com/acme/greeter.git");
        assertThat(Redactor.withoutUserInfo("acme/greeter")).isEqualTo("acme/greeter");
    }

    @Test
    void pemPrivateKeysWholeOrCutOff() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo\n4lgOEePzNm0tRgeLezV6ffAt0gunVTLw\n"
                + "-----END RSA PRIVATE KEY-----";
        String out = patterns.redact("key:\n" + pem + "\ndone");
        assertThat(out).isEqualTo("key:\n-----[REDACTED] RSA PRIVATE KEY-----\ndone");
        String cut = patterns.redact("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7");
        assertThat(cut).doesNotContain("MIIEvQ", "BKcwgg");
        // Certificates are public and stay readable.
        String cert = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----";
        assertThat(patterns.redact(cert)).isEqualTo(cert);
    }

    @Test
    void authorizationHeaders() {
        assertThat(patterns.redact("Authorization: Bearer abc.def-ghi_123")).isEqualTo("Authorization: Bearer [REDACTED]");
        assertThat(patterns.redact("authorization: token 0123456789abcdef")).isEqualTo("authorization: token [REDACTED]");
    }

    @Test
    void configuredSecretsFromTheEnvironment() {
        Redactor redactor = Redactor.fromEnvironment(Map.of(
                "OPENAI_API_KEY", "local-vllm-key-without-a-prefix",
                "QUORUM_WEBHOOK_SECRET", "webhook-s3cr3t-value",
                "MY_SERVICE_TOKEN", "tok3n-for-my-service",
                "GITHUB_TOKEN", "true", // too short to be a key: never blanks out ordinary words
                "QUORUM_PRIVATE_KEY_FILE", "/etc/quorum/app.pem",
                "HOME", "/home/quorum-user"));
        assertThat(redactor.configuredSecrets()).isEqualTo(3);
        String out = redactor.redact("got local-vllm-key-without-a-prefix, webhook-s3cr3t-value and tok3n-for-my-service;"
                + " true; key at /etc/quorum/app.pem; home /home/quorum-user");
        assertThat(out).isEqualTo("got [REDACTED], [REDACTED] and [REDACTED]; true; key at /etc/quorum/app.pem;"
                + " home /home/quorum-user");
    }

    @Test
    void withSecretsAddsToACopy() {
        Redactor base = Redactor.patternsOnly();
        Redactor withToken = base.withSecrets("installation-token-123", null);
        assertThat(withToken.redact("t=installation-token-123")).isEqualTo("t=[REDACTED]");
        assertThat(base.redact("t=installation-token-123")).isEqualTo("t=installation-token-123");
        // A secret that contains another is replaced whole.
        Redactor nested = base.withSecrets("abcdefgh", "abcdefgh-and-more");
        assertThat(nested.redact("x abcdefgh-and-more y")).isEqualTo("x [REDACTED] y");
    }

    @Test
    void jsonTreesStayValidJson() throws IOException {
        JsonNode tree = Json.mapper().readTree("{\"a\":\"https://a\",\"b\":\"c@d\",\"list\":[\"" + OPENAI
                + "\",{\"deep\":\"key " + ANTHROPIC + "\"}],\"n\":3}");
        JsonNode out = Redactor.patternsOnly().redact(tree);
        assertThat(out.path("a").asText()).isEqualTo("https://a");
        assertThat(out.path("b").asText()).isEqualTo("c@d");
        assertThat(out.path("list").get(0).asText()).isEqualTo("[REDACTED]");
        assertThat(out.path("list").get(1).path("deep").asText()).isEqualTo("key [REDACTED]");
        assertThat(out.path("n").asInt()).isEqualTo(3);
        assertThat(tree.path("list").get(0).asText()).isEqualTo(OPENAI); // the input is not changed
    }

    @Test
    void describedExceptionsCarryNoSecretFromMessageOrCause() {
        Redactor redactor = Redactor.patternsOnly().withSecrets("configured-secret-value");
        Exception e = new IllegalStateException("clone of https://u:configured-secret-value@host/r failed",
                new UncheckedIOException(new IOException("auth with " + OPENAI + " refused")));
        String line = redactor.describe(e);
        assertThat(line).startsWith("IllegalStateException: clone of https://[REDACTED]@host/r failed")
                .contains("refused").doesNotContain("configured-secret-value", OPENAI);
    }
}
