package dev.quorum.app.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server end to end: signed webhooks in, a fake GitHub API and a local bare repository standing in for
 * GitHub, and test solvers (see {@link FakeSolvers}) standing in for the solve pipeline that does not exist yet.
 */
class QuorumServerTest {
    private static final String SECRET = "It's a Secret to Everybody";

    @TempDir
    Path dir;

    private FakeGitHub github;
    private String cloneUrl;
    private Path key;
    private final List<QuorumServer> servers = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        github = new FakeGitHub(Clock.systemUTC());
        github.requireAppJwt((RSAPublicKey) TestKeys.PAIR.getPublic());
        github.permission("octocat", "admin");
        github.permission("reader", "read");
        github.permission("writer", "write");
        cloneUrl = GreeterRepo.create(dir.resolve("remote"));
        key = TestKeys.writePkcs1(dir);
    }

    @AfterEach
    void tearDown() {
        servers.forEach(QuorumServer::halt);
        github.close();
    }

    @Test
    void labelledIssueIsSolvedPushedAndProposedAsPullRequestWithItsEvidence() throws Exception {
        FakeSolvers.Fixing solver = new FakeSolvers.Fixing();
        QuorumServer server = start(true, solver, dir.resolve("data"));
        Webhooks hooks = new Webhooks(server.baseUri(), SECRET);

        Webhooks.Reply reply = hooks.send("issues", "d-1", Payloads.labeled(cloneUrl, 7, "quorum"));

        assertThat(reply.status()).isEqualTo(202);
        Job job = awaitFinished(server, 1).getFirst();
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.prUrl()).startsWith("https://github.example/acme/greeter/pull/");
        assertThat(solver.total()).isEqualTo(1);

        // The branch on the remote holds the fix; main is untouched.
        assertThat(GreeterRepo.read(cloneUrl, "quorum/issue-7", GreeterRepo.FILE)).contains("\"Hello, \"");
        assertThat(GreeterRepo.read(cloneUrl, "main", GreeterRepo.FILE)).contains("\"Helo, \"");

        List<FakeGitHub.Received> pulls = github.received("POST", "/repos/acme/greeter/pulls");
        assertThat(pulls).hasSize(1);
        var pr = pulls.getFirst().json();
        assertThat(pr.path("head").asText()).isEqualTo("quorum/issue-7");
        assertThat(pr.path("base").asText()).isEqualTo("main");
        assertThat(pr.path("draft").asBoolean()).as("opened as a draft by default").isTrue();
        var tokenRequest = github.received("POST", "/app/installations/4242/access_tokens").getFirst().json();
        assertThat(tokenRequest.path("repositories").toString()).isEqualTo("[\"greeter\"]");
        assertThat(tokenRequest.path("permissions").has("workflows")).isFalse();
        assertThat(pr.path("body").asText())
                .contains("#7", "0.87", "$0.42", "fixes the literal in Greeting.greet", "regression(4)",
                        "Candidate #1 fixes the misspelled literal", job.runId());
        assertThat(pulls.getFirst().authorization()).isEqualTo("Bearer " + FakeGitHub.tokenNumber(1));

        List<String> comments = github.received("POST", "/repos/acme/greeter/issues/7/comments").stream()
                .map(r -> r.json().path("body").asText()).toList();
        assertThat(comments).hasSize(2);
        assertThat(comments.get(0)).contains("working on this issue");
        assertThat(comments.get(1)).contains("opened #", "confidence 0.87");

        // The token stays in memory: not in the run directory, the mirror, the PR body, or the job database.
        String token = FakeGitHub.tokenNumber(1);
        assertThat(filesContaining(dir.resolve("data"), token)).isEmpty();
        assertThat(pr.toString()).doesNotContain(token);
        Path runDir = dir.resolve("data/runs").resolve(job.runId());
        assertThat(runDir.resolve("patch.diff")).content().contains("+        return \"Hello, \" + name;");
        assertThat(runDir.resolve("outcome.json")).content().contains("succeeded");
        assertThat(dir.resolve("data/work").resolve(job.runId())).doesNotExist();

        String metrics = hooks.get("/metrics").body();
        assertThat(metrics).contains("quorum_jobs{state=\"succeeded\"} 1", "quorum_jobs{state=\"queued\"} 0",
                "quorum_spend_usd_total 0.4200", "quorum_job_duration_seconds_count{state=\"succeeded\"} 1",
                "quorum_webhook_deliveries_total{outcome=\"queued\"} 1");
    }

    @Test
    void abstentionCommentsTheFindingsAndOpensNoPullRequest() throws Exception {
        QuorumServer server = start(true, new FakeSolvers.Abstaining(), dir.resolve("data"));
        Webhooks hooks = new Webhooks(server.baseUri(), SECRET);

        assertThat(hooks.send("issues", "d-1", Payloads.labeled(cloneUrl, 8, "quorum")).status()).isEqualTo(202);

        Job job = awaitFinished(server, 1).getFirst();
        assertThat(job.state()).isEqualTo(JobState.ABSTAINED);
        assertThat(github.received("POST", "/repos/acme/greeter/pulls")).isEmpty();
        assertThat(GreeterRepo.read(cloneUrl, "quorum/issue-8", GreeterRepo.FILE)).isNull();
        List<String> comments = github.received("POST", "/repos/acme/greeter/issues/8/comments").stream()
                .map(r -> r.json().path("body").asText()).toList();
        assertThat(comments).hasSize(2);
        assertThat(comments.get(1)).contains("not proposing a patch", "below the abstain threshold",
                "fails the reproduction test", "No candidate makes the reproduction test pass", "$0.55");
    }

    @Test
    void forgedOrMissingSignaturesAreRefusedAndNothingRuns() throws Exception {
        FakeSolvers.Fixing solver = new FakeSolvers.Fixing();
        QuorumServer server = start(true, solver, dir.resolve("data"));
        Webhooks hooks = new Webhooks(server.baseUri(), SECRET);
        byte[] body = Payloads.labeled(cloneUrl, 7, "quorum").getBytes(StandardCharsets.UTF_8);
        String forged = new WebhookSignature("not the secret").sign(body);

        assertThat(hooks.send("issues", "d-forged", body, forged).status()).isEqualTo(401);
        assertThat(hooks.send("issues", "d-unsigned", body, null).status()).isEqualTo(401);
        assertThat(hooks.send("issues", "d-garbled", body, "sha256=zz").status()).isEqualTo(401);
        // A valid signature of a different body does not authorize this one.
        String otherSignature = new WebhookSignature(SECRET).sign("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(hooks.send("issues", "d-swapped", body, otherSignature).status()).isEqualTo(401);

        TimeUnit.MILLISECONDS.sleep(300);
        assertThat(server.store().jobs()).isEmpty();
        assertThat(server.store().seen("d-forged")).isFalse();
        assertThat(github.received()).isEmpty();
        assertThat(solver.total()).isZero();
    }

    @Test
    void aRedeliveredWebhookStartsNoSecondJob() throws Exception {
        FakeSolvers.Fixing solver = new FakeSolvers.Fixing();
        QuorumServer server = start(true, solver, dir.resolve("data"));
        Webhooks hooks = new Webhooks(server.baseUri(), SECRET);
        String payload = Payloads.labeled(cloneUrl, 7, "quorum");

        assertThat(hooks.send("issues", "d-1", payload).status()).isEqualTo(202);
        awaitFinished(server, 1);
        Webhooks.Reply replay = hooks.send("issues", "d-1", payload);

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).contains("handled before");
        TimeUnit.MILLISECONDS.sleep(300);
        assertThat(server.store().jobs()).hasSize(1);
        assertThat(solver.total()).isEqualTo(1);
        assertThat(github.received("POST", "/repos/acme/greeter/pulls")).hasSize(1);
    }

    @Test
    void onlyWritersCanAskForAFixByComment() throws Exception {
        FakeSolvers.Fixing solver = new FakeSolvers.Fixing();
        QuorumServer server = start(true, solver, dir.resolve("data"));
        Webhooks hooks = new Webhooks(server.baseUri(), SECRET);

        Webhooks.Reply fromReader = hooks.send("issue_comment", "d-r",
                Payloads.comment(cloneUrl, 9, "reader", "Could you take this?\n/quorum fix"));
        assertThat(fromReader.status()).isEqualTo(202);
        assertThat(awaitFinished(server, 1).getLast()).satisfies(j -> {
            assertThat(j.state()).isEqualTo(JobState.REFUSED);
            assertThat(j.reason()).contains("reader has read permission");
        });
        assertThat(hooks.send("issue_comment", "d-s", Payloads.comment(cloneUrl, 9, "stranger", "/quorum fix"))
                .status()).isEqualTo(202);
        assertThat(awaitFinished(server, 2).getLast().reason()).contains("stranger has none permission");

        assertThat(solver.total()).isZero();
        assertThat(github.received()).allSatisfy(r -> assertThat(r.path())
                .matches("/app/installations/4242/access_tokens|/repos/acme/greeter/collaborators/.*/permission"));
        assertThat(GreeterRepo.read(cloneUrl, "quorum/issue-9", GreeterRepo.FILE)).isNull();

        Webhooks.Reply fromWriter = hooks.send("issue_comment", "d-w",
                Payloads.comment(cloneUrl, 9, "writer", "/quorum fix"));
        assertThat(fromWriter.status()).isEqualTo(202);
        assertThat(awaitFinished(server, 3).getLast().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(solver.calls.get(9).get()).isEqualTo(1);
    }

    @Test
    void theLabelTriggerChecksTheSendersPermissionLikeTheComment() throws Exception {
        FakeSolvers.Fixing solver = new FakeSolvers.Fixing();
        QuorumServer server = start(true, solver, dir.resolve("data"));
        Webhooks hooks = new Webhooks(server.baseUri(), SECRET);

        // Triage permission is enough to label an issue on GitHub, but not to make Quorum push and spend.
        github.permission("triager", "triage");
        assertThat(hooks.send("issues", "d-1", Payloads.labeledBy("triager", cloneUrl, 7, "quorum")).status())
                .isEqualTo(202);

        Job job = awaitFinished(server, 1).getFirst();
        assertThat(job.state()).isEqualTo(JobState.REFUSED);
        assertThat(job.reason()).contains("triager has triage permission", "needs write access");
        assertThat(solver.total()).isZero();
        assertThat(github.received("GET", "/repos/acme/greeter/collaborators/triager/permission")).hasSize(1);
        assertThat(github.received("POST", "/repos/acme/greeter/issues/7/comments")).isEmpty();
        assertThat(GreeterRepo.read(cloneUrl, "quorum/issue-7", GreeterRepo.FILE)).isNull();
    }

    @Test
    void theWebhookIsAnsweredWithoutCallingGitHubAndTheWorkersCallsAreBounded() throws Exception {
        // Credentials but no solver: no worker runs, so whatever reaches the fake API came from the HTTP handler.
        QuorumServer idle = start(true, null, dir.resolve("idle"));
        Webhooks idleHooks = new Webhooks(idle.baseUri(), SECRET);
        assertThat(idleHooks.send("issue_comment", "d-c", Payloads.comment(cloneUrl, 9, "writer", "/quorum fix"))
                .status()).isEqualTo(202);
        assertThat(idleHooks.send("issues", "d-l", Payloads.labeled(cloneUrl, 7, "quorum")).status()).isEqualTo(202);
        assertThat(github.received()).as("no token minted, no permission looked up on the HTTP thread").isEmpty();

        // A permission look-up that hangs fails the job after the configured timeout instead of holding a worker.
        github.delayPermissionAnswers(Duration.ofSeconds(5));
        FakeSolvers.Fixing solver = new FakeSolvers.Fixing();
        QuorumServer server = start(true, solver, dir.resolve("data"),
                ServerConfig.Policy.defaults().withGithubTimeout(Duration.ofSeconds(1)));
        assertThat(new Webhooks(server.baseUri(), SECRET).send("issues", "d-1", Payloads.labeled(cloneUrl, 7,
                "quorum")).status()).isEqualTo(202);
        Job job = awaitFinished(server, 1).getFirst();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.reason()).containsIgnoringCase("timeout");
        assertThat(solver.total()).isZero();
    }

    @Test
    void aFullQueueIsAnswered503WithTheReasonAndRecordsNothing() throws Exception {
        QuorumServer server = start(false, null, dir.resolve("data"),
                ServerConfig.Policy.defaults().withMaxQueuedJobs(1));
        Webhooks hooks = new Webhooks(server.baseUri(), SECRET);

        assertThat(hooks.send("issues", "d-1", Payloads.labeled(cloneUrl, 7, "quorum")).status()).isEqualTo(202);
        Webhooks.Reply full = hooks.send("issues", "d-2", Payloads.labeled(cloneUrl, 8, "quorum"));

        assertThat(full.status()).isEqualTo(503);
        assertThat(full.body()).contains("queue full", "1 jobs are waiting", "max-queued-jobs", "redeliver");
        assertThat(server.store().seen("d-2")).isFalse();
        assertThat(server.store().jobs()).hasSize(1);
        assertThat(hooks.get("/metrics").body()).contains("quorum_webhook_deliveries_total{outcome=\"queue_full\"} 1");
    }

    @Test
    void webhooksFromOutsideTheAllowlistAreAcknowledgedAndIgnored() throws Exception {
        FakeSolvers.Fixing solver = new FakeSolvers.Fixing();
        QuorumServer server = start(true, solver, dir.resolve("data"), ServerConfig.Policy.defaults()
                .withAllowlist(java.util.Set.of(), java.util.Set.of("acme/other")));
        Webhooks hooks = new Webhooks(server.baseUri(), SECRET);

        Webhooks.Reply reply = hooks.send("issues", "d-1", Payloads.labeled(cloneUrl, 7, "quorum"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("acme/greeter is not in this server's allowlist");
        assertThat(server.store().jobs()).isEmpty();
        assertThat(github.received()).isEmpty();

        QuorumServer allowing = start(true, solver, dir.resolve("data2"), ServerConfig.Policy.defaults()
                .withAllowlist(java.util.Set.of(Payloads.INSTALLATION), java.util.Set.of("ACME/Greeter")));
        assertThat(new Webhooks(allowing.baseUri(), SECRET).send("issues", "d-1", Payloads.labeled(cloneUrl, 7,
                "quorum")).status()).isEqualTo(202);
        QuorumServer otherInstallation = start(true, solver, dir.resolve("data3"), ServerConfig.Policy.defaults()
                .withAllowlist(java.util.Set.of(99L), java.util.Set.of()));
        assertThat(new Webhooks(otherInstallation.baseUri(), SECRET).send("issues", "d-1", Payloads.labeled(cloneUrl,
                7, "quorum")).body()).contains("installation 4242");
    }

    @Test
    void aFixTouchingCiFilesIsNotPushedButCommentedUnlessTheServerAllowsIt() throws Exception {
        QuorumServer server = start(true, new FakeSolvers.TouchingCi(), dir.resolve("data"));
        Webhooks hooks = new Webhooks(server.baseUri(), SECRET);

        assertThat(hooks.send("issues", "d-1", Payloads.labeled(cloneUrl, 7, "quorum")).status()).isEqualTo(202);

        Job job = awaitFinished(server, 1).getFirst();
        assertThat(job.state()).isEqualTo(JobState.REFUSED);
        assertThat(job.reason()).contains(FakeSolvers.TouchingCi.WORKFLOW);
        assertThat(GreeterRepo.read(cloneUrl, "quorum/issue-7", GreeterRepo.FILE)).isNull();
        assertThat(github.received("POST", "/repos/acme/greeter/pulls")).isEmpty();
        assertThat(github.received("POST", "/repos/acme/greeter/issues/7/comments")).last()
                .satisfies(c -> assertThat(c.json().path("body").asText()).contains("did not push",
                        FakeSolvers.TouchingCi.WORKFLOW, "allow-protected-changes"));

        QuorumServer allowing = start(true, new FakeSolvers.TouchingCi(), dir.resolve("data2"),
                ServerConfig.Policy.defaults().withAllowProtectedChanges(true).withDraftPullRequests(false));
        assertThat(new Webhooks(allowing.baseUri(), SECRET).send("issues", "d-1", Payloads.labeled(cloneUrl, 7,
                "quorum")).status()).isEqualTo(202);
        assertThat(awaitFinished(allowing, 1).getFirst().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(GreeterRepo.read(cloneUrl, "quorum/issue-7", FakeSolvers.TouchingCi.WORKFLOW)).contains("curl");
        var pr = github.received("POST", "/repos/acme/greeter/pulls").getFirst().json();
        assertThat(pr.path("body").asText()).startsWith("> [!WARNING]").contains(FakeSolvers.TouchingCi.WORKFLOW);
        assertThat(pr.path("draft").asBoolean()).isFalse();
    }

    @Test
    void aRerunReplacesItsOwnBranchButNeverCommitsOthersPushedThere() throws Exception {
        FakeSolvers.Fixing solver = new FakeSolvers.Fixing();
        QuorumServer server = start(true, solver, dir.resolve("data"));
        Webhooks hooks = new Webhooks(server.baseUri(), SECRET);
        assertThat(hooks.send("issues", "d-1", Payloads.labeled(cloneUrl, 7, "quorum")).status()).isEqualTo(202);
        awaitFinished(server, 1);
        // Labelled again: the branch holds only Quorum's commit, so the new fix replaces it.
        assertThat(hooks.send("issues", "d-2", Payloads.labeled(cloneUrl, 7, "quorum")).status()).isEqualTo(202);
        assertThat(awaitFinished(server, 2).getLast().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(github.received("POST", "/repos/acme/greeter/pulls")).extracting(r -> r.json().path("head")
                .asText()).containsExactly("quorum/issue-7", "quorum/issue-7");

        // A maintainer adds a commit to the branch; the next run must not force-push over it.
        String theirs = GreeterRepo.commitOnBranch(cloneUrl, "quorum/issue-7", "NOTES.md", "reviewed by a human\n");
        assertThat(hooks.send("issues", "d-3", Payloads.labeled(cloneUrl, 7, "quorum")).status()).isEqualTo(202);
        Job third = awaitFinished(server, 3).getLast();

        assertThat(third.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(GreeterRepo.head(cloneUrl, "quorum/issue-7")).isEqualTo(theirs);
        assertThat(GreeterRepo.read(cloneUrl, "quorum/issue-7-2", GreeterRepo.FILE)).contains("\"Hello, \"");
        var pr = github.received("POST", "/repos/acme/greeter/pulls").getLast().json();
        assertThat(pr.path("head").asText()).isEqualTo("quorum/issue-7-2");
        assertThat(pr.path("body").asText()).contains("`quorum/issue-7` has commits by others");
    }

    @Test
    void otherEventsAreAcknowledgedAndIgnoredAndInstallationsRecorded() throws Exception {
        QuorumServer server = start(true, new FakeSolvers.Fixing(), dir.resolve("data"));
        Webhooks hooks = new Webhooks(server.baseUri(), SECRET);

        assertThat(hooks.send("issues", "d-1", Payloads.labeled(cloneUrl, 7, "bug")).status()).isEqualTo(200);
        assertThat(hooks.send("issue_comment", "d-2", Payloads.comment(cloneUrl, 7, "writer", "LGTM")).status())
                .isEqualTo(200);
        assertThat(hooks.send("star", "d-3", "{\"action\": \"created\"}").status()).isEqualTo(200);
        assertThat(hooks.send("installation", "d-4", Payloads.installationCreated()).status()).isEqualTo(200);

        assertThat(server.store().jobs()).isEmpty();
        assertThat(server.store().installationAction(Payloads.INSTALLATION)).contains("installation.created");
        assertThat(server.store().seen("d-3")).isTrue();
        assertThat(github.received()).isEmpty();
    }

    @Test
    void aKilledServerRunsItsQueuedAndInterruptedJobsExactlyOnceAfterRestart() throws Exception {
        Path data = dir.resolve("data");
        FakeSolvers.Blocking blocking = new FakeSolvers.Blocking();
        QuorumServer first = start(true, blocking, data);
        Webhooks hooks = new Webhooks(first.baseUri(), SECRET);
        assertThat(hooks.send("issues", "d-1", Payloads.labeled(cloneUrl, 1, "quorum")).status()).isEqualTo(202);
        assertThat(blocking.entered.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(hooks.send("issues", "d-2", Payloads.labeled(cloneUrl, 2, "quorum")).status()).isEqualTo(202);
        assertThat(first.store().jobs()).extracting(Job::state).containsExactly(JobState.RUNNING, JobState.QUEUED);

        first.halt(); // no draining: job 1 is cut off mid-solve, job 2 never started
        servers.remove(first);

        FakeSolvers.Fixing solver = new FakeSolvers.Fixing();
        QuorumServer second = start(true, solver, data);
        List<Job> jobs = awaitFinished(second, 2);

        assertThat(jobs).extracting(Job::state).containsOnly(JobState.SUCCEEDED);
        assertThat(jobs).extracting(Job::attempts).containsExactly(2, 1);
        assertThat(solver.calls.get(1).get()).isEqualTo(1);
        assertThat(solver.calls.get(2).get()).isEqualTo(1);
        assertThat(github.received("POST", "/repos/acme/greeter/pulls")).extracting(r -> r.json().path("head")
                .asText()).containsExactlyInAnyOrder("quorum/issue-1", "quorum/issue-2");
        // The killed run posted its "working on it" and nothing else: no failure comment from a dying server.
        assertThat(github.received("POST", "/repos/acme/greeter/issues/1/comments")).extracting(r -> r.json()
                .path("body").asText()).noneMatch(b -> b.contains("could not finish"));
    }

    @Test
    void withoutCredentialsItAnswersPingsAndHealthAndQueuesWithoutSolving() throws Exception {
        QuorumServer server = start(false, null, dir.resolve("data"));
        Webhooks hooks = new Webhooks(server.baseUri(), SECRET);

        assertThat(server.solving()).isFalse();
        assertThat(hooks.send("ping", "d-0", "{\"zen\": \"Keep it logically awesome.\", \"hook_id\": 1}").body())
                .contains("pong");
        Webhooks.Reply health = hooks.get("/healthz");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"solving\":false", "no App credentials");
        assertThat(hooks.send("issues", "d-1", Payloads.labeled(cloneUrl, 7, "quorum")).status()).isEqualTo(202);
        // Who asked is checked by the worker that takes the job; here the issue is simply queued already.
        assertThat(hooks.send("issue_comment", "d-2", Payloads.comment(cloneUrl, 7, "writer", "/quorum fix")).body())
                .contains("already queued");

        TimeUnit.MILLISECONDS.sleep(300);
        assertThat(server.store().jobs()).extracting(Job::state).containsExactly(JobState.QUEUED);
        assertThat(github.received()).isEmpty();
    }

    @Test
    void withCredentialsButNoPipelineItRefusesToSolveAndSaysWhy() throws Exception {
        QuorumServer server = start(true, null, dir.resolve("data"));

        assertThat(server.solving()).isFalse();
        assertThat(server.notSolvingReason()).contains("no model is configured");
        assertThat(new Webhooks(server.baseUri(), SECRET).get("/healthz").body())
                .contains("no model is configured");
    }

    @Test
    void oversizedBodiesAreRefusedWith413() throws Exception {
        QuorumServer server = start(true, new FakeSolvers.Fixing(), dir.resolve("data"));
        Webhooks hooks = new Webhooks(server.baseUri(), SECRET);
        String huge = "{\"action\": \"labeled\", \"padding\": \"" + "x".repeat(70_000) + "\"}";

        assertThat(hooks.send("issues", "d-big", huge).status()).isEqualTo(413);
        assertThat(server.store().seen("d-big")).isFalse();
    }

    private QuorumServer start(boolean credentials, IssueSolver solver, Path data) {
        return start(credentials, solver, data, ServerConfig.Policy.defaults());
    }

    private QuorumServer start(boolean credentials, IssueSolver solver, Path data, ServerConfig.Policy policy) {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, SECRET, credentials ? "12345" : null,
                credentials ? key : null, data, github.url(), "quorum", 1, 64 * 1024, Duration.ofSeconds(5), policy);
        QuorumServer server = QuorumServer.start(config, solver);
        servers.add(server);
        return server;
    }

    static List<Job> awaitFinished(QuorumServer server, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<Job> jobs = server.store().jobs();
            if (jobs.size() >= count && jobs.stream().allMatch(j -> j.state().isFinal())) {
                return jobs;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("jobs did not finish: " + server.store().jobs());
    }

    private static List<Path> filesContaining(Path root, String needle) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(p -> {
                try {
                    byte[] bytes = Files.readAllBytes(p);
                    return new String(bytes, StandardCharsets.ISO_8859_1).contains(needle);
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }
}
