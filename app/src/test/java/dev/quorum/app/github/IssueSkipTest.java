package dev.quorum.app.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.core.Json;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issues Quorum leaves alone — locked, assigned, or with a fix already proposed — and says why. */
class IssueSkipTest {
    private static final String SECRET = "skip-secret";

    @TempDir
    Path dir;
    FakeGitHub github;
    QuorumServer server;
    FakeSolvers.Fixing solver = new FakeSolvers.Fixing();
    Webhooks hooks;
    String cloneUrl;

    @BeforeEach
    void setUp() throws Exception {
        github = new FakeGitHub(Clock.systemUTC());
        github.permission("octocat", "admin");
        github.requireAppJwt((RSAPublicKey) TestKeys.PAIR.getPublic());
        cloneUrl = GreeterRepo.create(dir.resolve("remote"));
        server = QuorumServer.start(new ServerConfig("127.0.0.1", 0, SECRET, "12345", TestKeys.writePkcs1(dir),
                dir.resolve("data"), github.url(), "quorum", 1, 64 * 1024, Duration.ofSeconds(5)), solver);
        hooks = new Webhooks(server.baseUri(), SECRET);
    }

    @AfterEach
    void tearDown() {
        server.halt();
        github.close();
    }

    private String labeled(int issue, java.util.function.Consumer<ObjectNode> change) throws Exception {
        ObjectNode payload = (ObjectNode) Json.mapper().readTree(Payloads.labeled(cloneUrl, issue, "quorum"));
        change.accept((ObjectNode) payload.get("issue"));
        return payload.toString();
    }

    @Test
    void lockedAndAssignedIssuesAreIgnoredWithTheReason() throws Exception {
        Webhooks.Reply locked = hooks.send("issues", "d-locked", labeled(21, i -> i.put("locked", true)
                .put("active_lock_reason", "too heated")));
        Webhooks.Reply assigned = hooks.send("issues", "d-assigned", labeled(22, i -> {
            ObjectNode hubot = Json.mapper().createObjectNode().put("login", "hubot").put("id", 2).put("type", "User");
            i.set("assignee", hubot);
            i.putArray("assignees").add(hubot);
        }));
        Webhooks.Reply closed = hooks.send("issues", "d-closed", labeled(23, i -> i.put("state", "closed")));

        assertThat(locked.status()).isEqualTo(200);
        assertThat(locked.body()).contains("issue #21 is locked");
        assertThat(assigned.body()).contains("issue #22 is assigned to hubot");
        assertThat(closed.body()).contains("issue #23 is closed");
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(server.store().jobs()).isEmpty();
        assertThat(solver.total()).isZero();
    }

    @Test
    void anIssueWithAnOpenPullRequestReferencingItIsNotSolvedAndTheCommentSaysWhy() throws Exception {
        github.timeline(31, """
                [{"event": "labeled", "label": {"name": "bug"}},
                 {"event": "cross-referenced", "created_at": "2026-11-21T09:00:00Z",
                  "actor": {"login": "quorum[bot]", "type": "Bot"},
                  "source": {"type": "issue", "issue": {"number": 30, "state": "open", "title": "Quorum: an earlier try",
                    "user": {"login": "quorum[bot]", "type": "Bot"}, "pull_request": {"merged_at": null}}}},
                 {"event": "cross-referenced", "created_at": "2026-11-21T10:00:00Z",
                  "actor": {"login": "ada", "type": "User"},
                  "source": {"type": "issue", "issue": {"number": 32, "state": "open", "title": "Fix the greeting",
                    "user": {"login": "ada", "type": "User"},
                    "pull_request": {"url": "https://api.github.example/repos/acme/greeter/pulls/32",
                                     "merged_at": null}}}}]""");
        github.timeline(33, """
                [{"event": "cross-referenced",
                  "source": {"type": "issue", "issue": {"number": 34, "state": "closed", "title": "Abandoned fix",
                    "user": {"login": "ada", "type": "User"}, "pull_request": {"merged_at": null}}}}]""");

        assertThat(hooks.send("issues", "d-linked", labeled(31, i -> { })).status()).isEqualTo(202);
        assertThat(hooks.send("issues", "d-free", labeled(33, i -> { })).status()).isEqualTo(202);

        List<Job> jobs = QuorumServerTest.awaitFinished(server, 2);
        Job linked = jobs.stream().filter(j -> j.issueNumber() == 31).findFirst().orElseThrow();
        Job free = jobs.stream().filter(j -> j.issueNumber() == 33).findFirst().orElseThrow();
        assertThat(linked.state()).isEqualTo(JobState.ABSTAINED);
        assertThat(linked.toString()).contains("open pull request #32 already references it");
        assertThat(free.state()).as("a closed pull request is no fix").isEqualTo(JobState.SUCCEEDED);
        assertThat(solver.calls.get(31)).isNull();
        List<String> comments = github.received("POST", "/repos/acme/greeter/issues/31/comments").stream()
                .map(r -> r.json().path("body").asText()).toList();
        assertThat(comments).singleElement().satisfies(c -> assertThat(c).contains("did not start")
                .contains("open pull request #32 already references it"));
        assertThat(github.received("POST", "/repos/acme/greeter/pulls")).hasSize(1);
    }
}
