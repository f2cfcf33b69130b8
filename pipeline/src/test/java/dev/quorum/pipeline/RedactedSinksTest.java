package dev.quorum.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.agent.AgentRequest;
import dev.quorum.agent.TrajectoryResult;
import dev.quorum.agent.Scripts;
import dev.quorum.agent.TestRepos;
import dev.quorum.agent.TrajectoryRunner;
import dev.quorum.core.Issue;
import dev.quorum.core.Redactor;
import dev.quorum.core.RepoRef;
import dev.quorum.localization.ContextBlock;
import dev.quorum.localization.Localization;
import dev.quorum.model.ModelClient;
import dev.quorum.model.ModelClients;
import dev.quorum.model.ModelRef.Provider;
import dev.quorum.model.Spend;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.Sandboxes;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.selection.Evidence;
import dev.quorum.selection.SelectionResult;
import dev.quorum.testgen.RegressionBaseline;
import dev.quorum.testgen.Reproductions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configured secret (one the model client does not know, e.g. the webhook secret) travels through error paths:
 * the provider quotes it in an error, a stage fails with it in its message, the decision repeats it. None of
 * trajectory log, events, config, candidates, report.json or report.html holds it; each holds the mark instead.
 */
class RedactedSinksTest {
    static final String SECRET = "configured-webhook-secret-5e6f7a8b";
    static final String GITHUB_TOKEN = "ghs_" + "Mm1Nn2Oo3Pp4Qq5Rr6Ss7Tt8Uu9Vv0Ww1Xx2";

    @TempDir
    Path tmp;
    final ScriptedModelServer server = ScriptedModelServer.start();
    final SandboxProvider sandboxes = Sandboxes.local();

    @AfterEach
    void stop() {
        server.close();
        sandboxes.close();
    }

    @Test
    void aConfiguredSecretOnAnErrorPathReachesNoFileOfTheRun() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("README.md"), "hello\n");
        String commit = TestRepos.commitAll(repo);
        Redactor redactor = Redactor.fromEnvironment(Map.of("QUORUM_WEBHOOK_SECRET", SECRET));
        SolveRequest request = new SolveRequest(new RepoRef(repo.toString()), commit,
                new Issue("Greeting", "Say hello. (token " + GITHUB_TOKEN + " pasted by mistake)", ""), 1, null,
                tmp.resolve("runs"), "sinks", null);
        Scripts.forTrajectory(server, 0, ScriptedReply.error(400, "invalid request: unknown field '" + SECRET + "'"));
        ModelClient model = ModelClients.fromSettings(server.settings(Provider.OPENAI_COMPATIBLE, "scripted"));

        RunDirectory run = RunDirectory.open(request, () -> new Spend(0, 0), SolveListener.silent(), redactor);
        List<TrajectoryResult> candidates = run.stage("trajectories", () -> TrajectoryRunner.create(model, sandboxes,
                TestRunner.maven(), redactor).run(new AgentRequest(repo, commit, request.issue(), null, null, "local", 1,
                AgentRequest.Limits.defaults().withMaxSteps(3), run.dir())));
        // In memory the outcome still says what the provider said; only what is written is redacted.
        assertThat(candidates.get(0).outcome().describe()).contains(SECRET);
        run.writeJson("candidates.json", candidates);
        try {
            run.stage("selection", () -> {
                throw new IllegalStateException("selector failed for https://x-access-token:" + GITHUB_TOKEN
                        + "@github.com/acme/app.git with " + SECRET);
            });
        } catch (IllegalStateException expected) {
            // the stage's failure is recorded as an event and passed on
        }
        Evidence none = new Evidence(List.of(), List.of(), Map.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), false, "", List.of("the judge quoted " + SECRET),
                new Evidence.Confidence(Evidence.Confidence.Level.NONE, "nothing ran", 0));
        run.finish(new SolveReport(request, new Localization(commit, List.of(), List.of(),
                new ContextBlock("", 0, 0, List.of()), 0, List.of()), new Reproductions(List.of(), List.of()),
                new RegressionBaseline(List.of(), Map.of(), null), candidates,
                new SelectionResult.Abstained("every candidate failed: " + SECRET, none), run.stages(), new Spend(0, 0)));

        Path dir = request.runDir();
        for (String name : List.of("trajectories/0.jsonl", "events.jsonl", "config.json", "candidates.json",
                "report.json", "report.html")) {
            assertThat(Files.readString(dir.resolve(name))).as(name).contains(Redactor.MARK);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                assertThat(text).as(dir.relativize(file).toString()).doesNotContain(SECRET).doesNotContain(GITHUB_TOKEN);
            }
        }
    }
}
