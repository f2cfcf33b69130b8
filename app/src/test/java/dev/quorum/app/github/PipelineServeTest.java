package dev.quorum.app.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.pipeline.Solve;
import dev.quorum.app.PipelineSolver;
import dev.quorum.core.Task;
import dev.quorum.model.ModelClient;
import dev.quorum.model.ModelClients;
import dev.quorum.model.ModelRef.Provider;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.tasks.FixtureTasks;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quorum serve} with the real solve pipeline behind it: a labelled issue on a bundled fixture repository
 * (pushed to a local bare repository standing in for GitHub's), the scripted model server playing the model, real
 * sandboxes. The fix must reach a branch and a pull request whose body carries the pipeline's evidence.
 */
class PipelineServeTest {
    private static final String SECRET = "pipeline-secret";
    private static final String FILE = StrkitScript.FILE;

    @TempDir
    Path dir;
    final ScriptedModelServer model = ScriptedModelServer.start();
    FakeGitHub github;
    QuorumServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.halt();
        }
        if (github != null) {
            github.close();
        }
        model.close();
    }

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void aLabelledIssueIsSolvedByThePipelineAndProposedWithItsEvidence() throws Exception {
        Task task = FixtureTasks.materialize(dir.resolve("fixtures")).stream()
                .filter(t -> t.instanceId().equals("acme__strkit-12")).findFirst().orElseThrow();
        Path bare = dir.resolve("remote.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        try (Git git = Git.open(Path.of(task.repo().spec()).toFile())) {
            git.push().setRemote(bare.toUri().toString()).setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call();
        }

        // The scripted model: a reproduction test for testgen; trajectory 1 fixes the bug, trajectory 2 does not.
        StrkitScript.oneRightOneWrong(model);

        github = new FakeGitHub(Clock.systemUTC());
        github.requireAppJwt((RSAPublicKey) TestKeys.PAIR.getPublic());
        github.permission("octocat", "admin"); // the labeller: the worker checks that they may write
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        ModelClient client = ModelClients.fromSettings(model.settings(Provider.OPENAI_COMPATIBLE, "scripted"));
        PipelineSolver solver = new PipelineSolver(new Solve(client, null, docker.environments(), docker.provider(),
                TestRunner.maven()), 2);
        ServerConfig config = new ServerConfig("127.0.0.1", 0, SECRET, "12345", TestKeys.writePkcs1(dir),
                dir.resolve("data"), github.url(), "quorum", 1, 256 * 1024, Duration.ofSeconds(5));
        server = QuorumServer.start(config, solver);
        Webhooks hooks = new Webhooks(server.baseUri(), SECRET);

        String[] issue = task.problemStatement().split("\n", 2);
        assertThat(hooks.send("issues", "d-pipeline", Payloads.labeled(bare.toUri().toString(), 12, "quorum",
                issue[0], issue[1])).status()).isEqualTo(202);

        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        List<Job> jobs = server.store().jobs();
        while (System.nanoTime() < deadline && (jobs.isEmpty() || !jobs.getFirst().state().isFinal())) {
            TimeUnit.MILLISECONDS.sleep(200);
            jobs = server.store().jobs();
        }
        assertThat(jobs).singleElement().satisfies(j -> assertThat(j.state()).as(j.toString())
                .isEqualTo(JobState.SUCCEEDED));

        assertThat(GreeterRepo.read(bare.toUri().toString(), "quorum/issue-12", FILE))
                .contains("text.codePointCount(0, text.length()) <= maxWidth");
        List<FakeGitHub.Received> pulls = github.received("POST", "/repos/acme/greeter/pulls");
        assertThat(pulls).hasSize(1);
        String body = pulls.getFirst().json().path("body").asText();
        assertThat(body).contains("#12").contains("t0").contains("t1").contains("voting tests")
                .contains("no judge model");
        assertThat(body).doesNotContain(ScriptedModelServer.FAKE_OPENAI_KEY);
    }
}
