package dev.quorum.app.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A solver whose findings quote the server's webhook secret and a GitHub token (as a model might, having been
 * shown one): neither reaches the comments posted to GitHub, the job database or the job's files.
 */
class RedactedAppTextsTest {
    static final String WEBHOOK_SECRET = "webhook-secret-for-redaction-test";
    static final String TOKEN = "ghp_" + "Kk1Ll2Mm3Nn4Oo5Pp6Qq7Rr8Ss9Tt0Uu1Vv2";

    @TempDir
    Path dir;
    FakeGitHub github;

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void configuredSecretsAndTokensNeverLeaveInAppTexts() throws Exception {
        github = new FakeGitHub(Clock.systemUTC());
        github.requireAppJwt((RSAPublicKey) TestKeys.PAIR.getPublic());
        github.permission("octocat", "admin");
        String cloneUrl = GreeterRepo.create(dir.resolve("remote"));
        Path data = dir.resolve("data");
        ServerConfig config = new ServerConfig("127.0.0.1", 0, WEBHOOK_SECRET, "12345", TestKeys.writePkcs1(dir), data,
                github.url(), "quorum", 1, 64 * 1024, Duration.ofSeconds(5));
        IssueSolver leaky = (checkout, baseCommit, issue, runDir) -> new IssueOutcome.Abstained(
                "the judge said: use " + WEBHOOK_SECRET + " and " + TOKEN,
                new ReviewerEvidence(List.of("#1 read " + WEBHOOK_SECRET), "matrix", "the token " + TOKEN + " works", 0.1, 0.2));
        QuorumServer server = QuorumServer.start(config, leaky);
        try {
            Webhooks hooks = new Webhooks(server.baseUri(), WEBHOOK_SECRET);
            assertThat(hooks.send("issues", "d-1", Payloads.labeled(cloneUrl, 9, "quorum")).status()).isEqualTo(202);
            Job job = awaitFinished(server);
            assertThat(job.state()).isEqualTo(JobState.ABSTAINED);
            assertThat(job.reason()).contains("[REDACTED]").doesNotContain(WEBHOOK_SECRET).doesNotContain(TOKEN);

            List<String> comments = github.received("POST", "/repos/acme/greeter/issues/9/comments").stream()
                    .map(FakeGitHub.Received::body).toList();
            assertThat(comments).hasSize(2);
            assertThat(comments.get(1)).contains("[REDACTED]").doesNotContain(WEBHOOK_SECRET).doesNotContain(TOKEN);
        } finally {
            server.halt();
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(text).as(file.toString()).doesNotContain(WEBHOOK_SECRET).doesNotContain(TOKEN);
            }
        }
    }

    private static Job awaitFinished(QuorumServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<Job> jobs = server.store().jobs();
            if (jobs.size() == 1 && jobs.get(0).state().isFinal()) {
                return jobs.get(0);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("the job did not finish: " + server.store().jobs());
    }
}
