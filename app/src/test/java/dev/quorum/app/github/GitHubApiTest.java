package dev.quorum.app.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class GitHubApiTest {

    @Test
    void aSecondaryRateLimitWithRetryAfterIsWaitedOutAndRetried() throws Exception {
        try (FakeGitHub github = new FakeGitHub(Clock.systemUTC())) {
            github.enqueue(new FakeGitHub.Canned(429, Map.of("retry-after", "1"),
                    "{\"message\": \"You have exceeded a secondary rate limit.\"}"));
            GitHubApi api = new GitHubApi(github.url(), new OkHttpClient(), Duration.ofSeconds(5), Clock.systemUTC());

            long start = System.nanoTime();
            String url = api.comment("acme", "greeter", 7, "hello", "ghs_test");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(url).contains("/issues/7#issuecomment-");
            assertThat(github.received("POST", "/repos/acme/greeter/issues/7/comments")).hasSize(2);
        }
    }

    @Test
    void anExhaustedPrimaryLimitFailsFastWhenTheResetIsBeyondTheBound() throws Exception {
        try (FakeGitHub github = new FakeGitHub(Clock.systemUTC())) {
            long reset = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
            github.enqueue(new FakeGitHub.Canned(403, Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset",
                    Long.toString(reset)), "{\"message\": \"API rate limit exceeded\"}"));
            GitHubApi api = new GitHubApi(github.url(), new OkHttpClient(), Duration.ofSeconds(5), Clock.systemUTC());

            long start = System.nanoTime();
            assertThatThrownBy(() -> api.comment("acme", "greeter", 7, "hello", "ghs_test"))
                    .isInstanceOf(GitHubApiException.class).hasMessageContaining("rate limit");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            // Later calls do not hammer an exhausted limit either.
            assertThatThrownBy(() -> api.comment("acme", "greeter", 7, "again", "ghs_test"))
                    .hasMessageContaining("rate limit");
            assertThat(github.received()).hasSize(1);
        }
    }

    @Test
    void anExhaustedLimitWithANearResetIsWaitedOut() throws Exception {
        try (FakeGitHub github = new FakeGitHub(Clock.systemUTC())) {
            long reset = Instant.now().getEpochSecond() + 2;
            github.enqueue(new FakeGitHub.Canned(403, Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset",
                    Long.toString(reset)), "{\"message\": \"API rate limit exceeded\"}"));
            GitHubApi api = new GitHubApi(github.url(), new OkHttpClient(), Duration.ofSeconds(5), Clock.systemUTC());

            api.comment("acme", "greeter", 7, "hello", "ghs_test");

            assertThat(Instant.now().getEpochSecond()).isGreaterThanOrEqualTo(reset);
            assertThat(github.received()).hasSize(2);
        }
    }

    @Test
    void aPermissionOfSomeoneWhoIsNoCollaboratorIsNone() throws Exception {
        try (FakeGitHub github = new FakeGitHub(Clock.systemUTC())) {
            github.permission("writer", "write");
            GitHubApi api = new GitHubApi(github.url(), new OkHttpClient(), Duration.ofSeconds(5), Clock.systemUTC());

            assertThat(api.permission("acme", "greeter", "writer", "t")).isEqualTo("write");
            assertThat(api.permission("acme", "greeter", "nobody", "t")).isEqualTo("none");
        }
    }
}
