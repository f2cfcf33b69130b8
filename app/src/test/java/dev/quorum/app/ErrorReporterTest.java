package dev.quorum.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command failing with a message that quotes a configured secret and a credential-bearing URL: what the CLI
 * prints (and the trace {@code QUORUM_DEBUG=1} adds) holds neither.
 */
class ErrorReporterTest {
    static final String SECRET = "whsec-configured-9f8e7d6c5b4a";
    static final String TOKEN = "ghp_" + "Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8";

    @TempDir
    Path tmp;

    @Test
    void errorsPrintedByTheCliCarryNoSecret() throws Exception {
        Path issue = Files.writeString(tmp.resolve("issue.txt"), "it breaks");
        // A repository path that happens to hold the secret, and a URL with a token: both end up in the error.
        Path repo = tmp.resolve("missing-" + SECRET);
        Map<String, String> env = Map.of("QUORUM_WEBHOOK_SECRET", SECRET, "QUORUM_DEBUG", "1");

        String local = run(env, "localize", "--repo", repo.toString(), "--issue", issue.toString());
        assertThat(local).contains("quorum localize:", "[REDACTED]").doesNotContain(SECRET);

        String remote = run(env, "localize", "--repo", "https://x-access-token:" + TOKEN + "@127.0.0.1:9/acme/app.git",
                "--commit", "0123456789abcdef0123456789abcdef01234567", "--issue", issue.toString());
        assertThat(remote).contains("quorum localize:", "[REDACTED]").doesNotContain(TOKEN);
    }

    private static String run(Map<String, String> env, String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run(env, args)).isEqualTo(1);
        } finally {
            System.setErr(original);
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
