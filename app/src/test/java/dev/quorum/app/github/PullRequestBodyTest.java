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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull request body of a scripted solve (real sandboxes, the scripted model server playing the model) shows
 * the evidence a reviewer checks: the reproduction test failing before the patch and passing after it, with the
 * failure message, the regression summary and the vote tally over the candidates.
 */
class PullRequestBodyTest {
    @TempDir
    Path dir;
    final ScriptedModelServer model = ScriptedModelServer.start();

    @AfterEach
    void stop() {
        model.close();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // real Maven builds in sandboxes, on a shared machine
    void theBodyShowsTheReproductionTestFailingBeforeAndPassingAfter() throws Exception {
        Task task = FixtureTasks.materialize(dir.resolve("fixtures")).stream()
                .filter(t -> t.instanceId().equals("acme__strkit-12")).findFirst().orElseThrow();
        StrkitScript.oneRightOneWrong(model);
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        ModelClient client = ModelClients.fromSettings(model.settings(Provider.OPENAI_COMPATIBLE, "scripted"));
        PipelineSolver solver = new PipelineSolver(new Solve(client, null, docker.environments(), docker.provider(),
                TestRunner.maven()), 2);
        String[] text = task.problemStatement().split("\n", 2);
        IssueText issue = new IssueText("acme/strkit", 12, text[0], text[1], "");

        IssueOutcome outcome = solver.solve(Path.of(task.repo().spec()), task.baseCommit(), issue,
                dir.resolve("runs/pr-evidence"));

        assertThat(outcome).isInstanceOf(IssueOutcome.Fixed.class);
        String body = Reports.pullRequestBody(issue, ((IssueOutcome.Fixed) outcome).evidence(), "pr-evidence");
        assertThat(body).contains("### Reproduction tests: fail before, pass after");
        assertThat(body).containsPattern("`com\\.acme\\.strkit\\.AbbreviatorEmojiTest#reproduces\\(?\\)?` \\(repro-\\d+\\):"
                + " before: FAILED \\(AssertionFailedError: [^)]*\\) → after: PASSED");
        assertThat(body).contains("### Regression tests").containsPattern("\\d+ existing tests pass on the base commit;"
                + " with this patch \\d+ pass");
        assertThat(body).contains("### Votes").contains("2 candidate patch(es) in 2 group(s)").contains("← chosen");
        assertThat(body).contains("| confidence | cost | run | applied with |");
    }
}
