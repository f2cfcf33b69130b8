package dev.quorum.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Json;
import dev.quorum.core.Patch;
import dev.quorum.core.Task;
import dev.quorum.harness.EvalListener;
import dev.quorum.harness.Evaluator;
import dev.quorum.harness.Outcome;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.tasks.FixtureTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grading a recorded run's candidates with the real harness: one patch per group, within the budget, resumable,
 * and the grades feed the curves.
 */
class CandidateGradesDockerTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void gradesOnePatchPerGroupWithinTheBudgetAndResumes() throws Exception {
        Task task = FixtureTasks.materialize(tmp.resolve("fixtures")).stream()
                .filter(t -> t.instanceId().equals("acme__strkit-12")).findFirst().orElseThrow();
        Path runs = tmp.resolve("runs");
        Path run = Files.createDirectories(runs.resolve("inf-" + task.instanceId()));
        Patch broken = Patch.ofText("--- a/nowhere.txt\n+++ b/nowhere.txt\n@@ -1 +1 @@\n-a\n+b\n");
        // candidates.json as solve writes it: the agent's Candidate records, serialized by the project's mapper.
        Files.writeString(run.resolve("candidates.json"), Json.mapper().writeValueAsString(List.of(
                Map.of("trajectory", 0, "patch", task.patch()), Map.of("trajectory", 1, "patch", task.patch()),
                Map.of("trajectory", 2, "patch", broken), Map.of("trajectory", 3, "patch", Patch.empty()))));
        Files.writeString(run.resolve("report.json"), """
                {"chosen":"t0","trajectories":[{"trajectory":0,"patch_bytes":9,"cost_usd":0.1},
                 {"trajectory":1,"patch_bytes":9,"cost_usd":0.1},{"trajectory":2,"patch_bytes":9,"cost_usd":0.1},
                 {"trajectory":3,"patch_bytes":0,"cost_usd":0.1}],
                 "evidence":{"groups":[{"id":"g1","members":["t0","t1"],"live":true},
                                       {"id":"g2","members":["t2"],"live":false}],"scores":[{"groupId":"g1"}]},
                 "total":{"tokens":100,"usd":0.5}}""");
        Map<String, SolveRun> runsByInstance = SolveRun.readAll(runs, "inf");
        Path curves = runs.resolve("curves-inf");
        DockerTestEnvironment docker = DockerTestEnvironment.get();

        try (Evaluator evaluator = Evaluator.using(docker.environments(), docker.provider())) {
            CandidateGrades.Grading first = CandidateGrades.grade(evaluator, runsByInstance, List.of(task), curves, 1,
                    EvalListener.silent());
            assertThat(first.gradedNow()).isEqualTo(1);
            assertThat(first.overBudget()).isEqualTo(1);
            assertThat(CandidateGrades.read(curves)).containsOnly(Map.entry(task.instanceId() + "@t0",
                    Outcome.RESOLVED_FULL));

            CandidateGrades.Grading second = CandidateGrades.grade(evaluator, runsByInstance, List.of(task), curves,
                    10, EvalListener.silent());
            assertThat(second.gradedNow()).isEqualTo(1);
            assertThat(second.alreadyGraded()).isEqualTo(1);
        }
        assertThat(CandidateGrades.read(curves)).containsOnly(
                Map.entry(task.instanceId() + "@t0", Outcome.RESOLVED_FULL),
                Map.entry(task.instanceId() + "@t2", Outcome.PATCH_APPLY_FAILED));

        CandidateGrades.Assembly assembly = CandidateGrades.assemble(runsByInstance, CandidateGrades.read(curves),
                Markers.none(), false);
        assertThat(assembly.excluded()).isEmpty();
        ScalingCurves.Instance instance = assembly.instances().getFirst();
        assertThat(instance.resolved()).containsExactlyInAnyOrderEntriesOf(Map.of(0, true, 1, true, 2, false, 3, false));
        assertThat(instance.fixedUsd()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-9));
    }
}
