package dev.quorum.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Patch;
import dev.quorum.core.RepoRef;
import dev.quorum.core.Task;
import dev.quorum.core.TestStatus;
import dev.quorum.localization.Localization;
import dev.quorum.localization.LocalizationRequest;
import dev.quorum.localization.Localizer;
import dev.quorum.model.Budget;
import dev.quorum.model.ModelClient;
import dev.quorum.model.ModelClients;
import dev.quorum.model.ModelRef.Provider;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.sandbox.SandboxSpec;
import dev.quorum.sandbox.TestRunResult;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.tasks.FixtureTasks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Trajectories against a real fixture repository, real Docker sandboxes and the scripted model server. */
class TrajectoryRunnerDockerTest {
    static final String FILE = "src/main/java/com/acme/strkit/Abbreviator.java";
    static final String BUGGY = "if (text.length() <= maxWidth) {";

    @TempDir
    static Path fixtures;
    static Task task;
    static Path repo;
    static String image;
    static Localization localization;

    @TempDir
    Path runDir;
    final ScriptedModelServer server = ScriptedModelServer.start();

    @BeforeAll
    static void fixture() throws Exception {
        task = FixtureTasks.materialize(fixtures).stream().filter(t -> t.instanceId().equals("acme__strkit-12"))
                .findFirst().orElseThrow();
        repo = Path.of(task.repo().spec());
        image = DockerTestEnvironment.get().env(repo, task.build()).tag();
        localization = Localizer.bm25().localize(LocalizationRequest.of(new RepoRef(repo.toString()),
                task.baseCommit(), task.problemStatement()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TrajectoryRunner runner() {
        ModelClient client = ModelClients.fromSettings(server.settings(Provider.OPENAI_COMPATIBLE, "scripted"));
        return TrajectoryRunner.create(client, DockerTestEnvironment.get().provider(), TestRunner.maven());
    }

    private AgentRequest request(int n, AgentRequest.Limits limits) {
        return new AgentRequest(repo, task.baseCommit(), task.issue(), localization, task.build(), image, n, limits,
                runDir);
    }

    private static ScriptedReply edit(String newText) {
        return Scripts.call("edit", "str_replace", Map.of("path", FILE, "old_str", BUGGY, "new_str", newText));
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aCorrectEditIsResolvedWhenGradedAndAWrongOneIsNot() {
        Scripts.forTrajectory(server, 0,
                Scripts.call("v", "view", Map.of("path", FILE, "start_line", 20, "end_line", 40)),
                edit("if (text.codePointCount(0, text.length()) <= maxWidth) {"),
                Scripts.runTests("com.acme.strkit.AbbreviatorTest"),
                Scripts.submit("count code points, not chars"));
        Scripts.forTrajectory(server, 1,
                Scripts.call("v", "view", Map.of("path", FILE)),
                edit("if (text.length() < maxWidth) {"),
                Scripts.submit("off by one"));

        List<TrajectoryResult> candidates = runner().run(request(2, AgentRequest.Limits.defaults().withMaxSteps(10)));

        assertThat(candidates).extracting(TrajectoryResult::outcome).allMatch(TrajectoryOutcome::submitted);
        TrajectoryResult right = candidates.get(0);
        TrajectoryResult wrong = candidates.get(1);
        assertThat(right.patch().touchedPaths()).containsExactly(FILE);
        assertThat(right.tests().isEmpty()).isTrue();
        assertThat(right.steps()).isEqualTo(4);
        assertThat(right.usage().totalTokens()).isPositive();
        // The run_tests observation the model saw: the existing tests pass with the fix.
        assertThat(server.requests().stream().filter(r -> Scripts.attempt(r) == 1 && Scripts.assistantTurns(r) == 3)
                .findFirst().orElseThrow().lastToolResult()).contains("PASSED  com.acme.strkit.AbbreviatorTest");

        assertThat(grade(right.patch())).isTrue();
        assertThat(grade(wrong.patch())).isFalse();
    }

    /** SWE-bench grading: apply patch and test patch, run FAIL_TO_PASS and PASS_TO_PASS; true means RESOLVED_FULL. */
    private static boolean grade(Patch patch) {
        try (Sandbox sandbox = DockerTestEnvironment.get().provider().create(SandboxSpec.of(image))) {
            sandbox.copyIn(repo, "");
            assertThat(sandbox.applyPatch(patch, "").applied()).isTrue();
            assertThat(sandbox.applyPatch(task.testPatch(), "").applied()).isTrue();
            TestRunResult result = TestRunner.maven().run(sandbox, "", task.testsToRun(), task.build(), Duration.ofMinutes(5));
            assertThat(result).isInstanceOf(TestRunResult.Ran.class);
            return ((TestRunResult.Ran) result).requested().values().stream().allMatch(s -> s == TestStatus.PASSED);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void eightInParallelSurviveACrashedModelAndAnExhaustedBudget() throws Exception {
        for (int i = 0; i < 8; i++) {
            if (i == 3) {
                Scripts.forTrajectory(server, i, ScriptedReply.error(401, "Incorrect API key provided"));
            } else if (i == 5) {
                Scripts.forTrajectory(server, i, Scripts.call("v", "view", Map.of("path", FILE))
                        .withUsage(900_000, 10, 0, 0));
            } else {
                Scripts.forTrajectory(server, i,
                        Scripts.call("v", "view", Map.of("path", FILE, "start_line", 25, "end_line", 35)),
                        edit("if (text.codePointCount(0, text.length()) <= maxWidth) { // " + i),
                        Scripts.call("c", "run_command", Map.of("command", "grep -c codePointCount " + FILE)),
                        Scripts.submit("trajectory " + i));
            }
        }
        AgentRequest.Limits limits = AgentRequest.Limits.defaults().withMaxSteps(8)
                .withBudget(Budget.tokens(500_000)).withSandboxes(3, 256L << 20);
        TrajectoryRunner runner = runner();

        List<TrajectoryResult> candidates = runner.run(request(8, limits));

        assertThat(candidates).hasSize(8).extracting(TrajectoryResult::trajectory).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(candidates.get(3).outcome()).isInstanceOfSatisfying(TrajectoryOutcome.ModelFailed.class,
                f -> assertThat(f.kind()).isEqualTo("AUTHENTICATION"));
        assertThat(candidates.get(5).outcome()).isInstanceOf(TrajectoryOutcome.BudgetExhausted.class);
        for (int i : new int[] {0, 1, 2, 4, 6, 7}) {
            TrajectoryResult c = candidates.get(i);
            assertThat(c.outcome()).isEqualTo(new TrajectoryOutcome.Submitted("trajectory " + i));
            assertThat(c.patch().text()).contains("codePointCount(0, text.length()) <= maxWidth) { // " + i);
            // The grep ran in the sandbox after the edit was synced into it.
            String log = Files.readString(EventLog.file(runDir, i), StandardCharsets.UTF_8);
            assertThat(log).contains("\"name\":\"run_command\"").contains("exit code 0\\n1");
        }
        TrajectoryRunner.RunStats stats = runner.lastRunStats();
        assertThat(stats.sandboxSlots()).isEqualTo(3);
        assertThat(stats.peakSandboxes()).isBetween(1, 3);
        assertThat(stats.sandboxesMade()).isEqualTo(6);
        for (int i = 0; i < 8; i++) {
            String log = Files.readString(EventLog.file(runDir, i), StandardCharsets.UTF_8);
            assertThat(log.lines().reduce((a, b) -> b).orElseThrow()).contains("\"type\":\"outcome\"");
            assertThat(log).doesNotContain(ScriptedModelServer.FAKE_OPENAI_KEY);
        }
        assertThat(Files.readString(EventLog.file(runDir, 3))).contains("AUTHENTICATION");

        // Resume: every trajectory has an outcome line, so nothing runs again and no model call is made.
        int calls = server.requestCount();
        List<TrajectoryResult> again = runner.run(request(8, limits));
        assertThat(server.requestCount()).isEqualTo(calls);
        assertThat(again).allMatch(TrajectoryResult::resumed);
        assertThat(again).extracting(TrajectoryResult::patch).isEqualTo(candidates.stream().map(TrajectoryResult::patch).toList());
        assertThat(again).extracting(TrajectoryResult::outcome).isEqualTo(candidates.stream().map(TrajectoryResult::outcome).toList());
    }
}
