package dev.quorum.app.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallationTokensTest {
    @TempDir
    Path dir;

    @Test
    void aTokenIsReusedUntilShortlyBeforeItExpiresThenRefreshed() throws Exception {
        // The JWT must verify at the fake, so the clock stays near the real time.
        MutableClock clock = new MutableClock(Instant.now());
        try (FakeGitHub github = new FakeGitHub(clock)) {
            github.requireAppJwt((RSAPublicKey) TestKeys.PAIR.getPublic());
            github.tokenLifetime(3600);
            GitHubApi api = new GitHubApi(github.url(), new OkHttpClient(), Duration.ofSeconds(5), clock);
            InstallationTokens tokens = new InstallationTokens(api,
                    AppJwt.fromPemFile("12345", TestKeys.writePkcs1(dir), clock), clock);

            String first = tokens.token(4242);
            clock.advance(Duration.ofMinutes(50)); // 10 minutes left: still good
            String second = tokens.token(4242);
            clock.advance(Duration.ofMinutes(6)); // 4 minutes left: inside the refresh margin
            String third = tokens.token(4242);
            String fourth = tokens.token(4242);

            assertThat(first).isEqualTo(FakeGitHub.tokenNumber(1)).isEqualTo(second);
            assertThat(third).isEqualTo(FakeGitHub.tokenNumber(2)).isEqualTo(fourth);
            assertThat(github.tokensIssued()).isEqualTo(2);
            assertThat(github.received("POST", "/app/installations/4242/access_tokens"))
                    .allSatisfy(r -> assertThat(r.authorization()).startsWith("Bearer ey"));
            // Another installation gets its own token.
            assertThat(tokens.token(7)).isEqualTo(FakeGitHub.tokenNumber(3));
        }
    }
}
