package dev.quorum.app.github;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void removesUrlCredentialsTokensAndNamedSecrets() {
        String text = "push to https://x-access-token:ghs_abcdefghijklmnop1234@github.example/acme/greeter.git failed;"
                + " token ghs_ZYXWVUTSRQPONMLKJIHG9876 expired; key s3cr3t-value leaked";

        String redacted = Redactor.redact(text, "s3cr3t-value");

        assertThat(redacted).doesNotContain("ghs_", "x-access-token", "s3cr3t-value")
                .contains("https://github.example/acme/greeter.git", "token *** expired", "key *** leaked");
    }
}
