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

            String first = tokens.token(4242, "greeter");
            clock.advance(Duration.ofMinutes(50)); // 10 minutes left: still good
            String second = tokens.token(4242, "greeter");
            clock.advance(Duration.ofMinutes(6)); // 4 minutes left: inside the refresh margin
            String third = tokens.token(4242, "greeter");
            String fourth = tokens.token(4242, "greeter");

            assertThat(first).isEqualTo(FakeGitHub.tokenNumber(1)).isEqualTo(second);
            assertThat(third).isEqualTo(FakeGitHub.tokenNumber(2)).isEqualTo(fourth);
            assertThat(github.tokensIssued()).isEqualTo(2);
            assertThat(github.received("POST", "/app/installations/4242/access_tokens"))
                    .allSatisfy(r -> assertThat(r.authorization()).startsWith("Bearer ey"));
            // Another installation gets its own token, and so does another repository of the same installation.
            assertThat(tokens.token(7, "greeter")).isEqualTo(FakeGitHub.tokenNumber(3));
            assertThat(tokens.token(4242, "other")).isEqualTo(FakeGitHub.tokenNumber(4));
        }
    }

    @Test
    void aTokenIsMintedForOneRepositoryWithTheLeastPermissionsAJobNeeds() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (FakeGitHub github = new FakeGitHub(clock)) {
            github.requireAppJwt((RSAPublicKey) TestKeys.PAIR.getPublic());
            GitHubApi api = new GitHubApi(github.url(), new OkHttpClient(), Duration.ofSeconds(5), clock);
            InstallationTokens tokens = new InstallationTokens(api,
                    AppJwt.fromPemFile("12345", TestKeys.writePkcs1(dir), clock), clock);

            tokens.token(4242, "greeter");

            var request = github.received("POST", "/app/installations/4242/access_tokens").getFirst().json();
            assertThat(request.path("repositories")).hasSize(1);
            assertThat(request.path("repositories").get(0).asText()).isEqualTo("greeter");
            var permissions = request.path("permissions");
            assertThat(permissions.properties()).extracting(java.util.Map.Entry::getKey)
                    .containsExactlyInAnyOrder("contents", "pull_requests", "issues", "metadata");
            assertThat(permissions.path("contents").asText()).isEqualTo("write");
            assertThat(permissions.path("pull_requests").asText()).isEqualTo("write");
            assertThat(permissions.path("issues").asText()).isEqualTo("write");
            assertThat(permissions.path("metadata").asText()).isEqualTo("read");
            assertThat(permissions.has("workflows")).isFalse();
        }
    }
}
