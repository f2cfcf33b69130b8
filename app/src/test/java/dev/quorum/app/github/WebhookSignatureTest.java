package dev.quorum.app.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    // The test vector from GitHub's "Validating webhook deliveries" documentation.
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void matchesGitHubsDocumentedExample() {
        WebhookSignature signature = new WebhookSignature("It's a Secret to Everybody");

        assertThat(signature.sign(BODY)).isEqualTo(EXPECTED);
        assertThat(signature.verify(BODY, EXPECTED)).isTrue();
    }

    @Test
    void rejectsWrongMissingAndMalformedSignatures() {
        WebhookSignature signature = new WebhookSignature("It's a Secret to Everybody");

        assertThat(signature.verify(BODY, null)).isFalse();
        assertThat(signature.verify(BODY, "sha1=757107ea")).isFalse();
        assertThat(signature.verify(BODY, "sha256=not-hex")).isFalse();
        assertThat(signature.verify("Hello, World?".getBytes(StandardCharsets.UTF_8), EXPECTED)).isFalse();
        assertThat(new WebhookSignature("another secret").verify(BODY, EXPECTED)).isFalse();
    }
}
