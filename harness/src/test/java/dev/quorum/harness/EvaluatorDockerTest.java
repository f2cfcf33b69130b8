package dev.quorum.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Patch;
import dev.quorum.core.Task;
import dev.quorum.core.TestStatus;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.tasks.FixtureTasks;
import dev.quorum.tasks.Prediction;
import dev.quorum.tasks.TaskFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness against real Docker sandboxes and the eight bundled fixture tasks. Sandbox runs are the cost, so each
 * test does several checks with as few instances as it can.
 */
class EvaluatorDockerTest {
    private static final String SEMVER = "acme__semver-40";
    private static final String PATHKIT = "acme__pathkit-23";
    private static final String STRKIT = "acme__strkit-12";

    @TempDir
    static Path dir;

    private static List<Task> tasks;
    private static Path tasksFile;
    private static Evaluator evaluator;

    @BeforeAll
    static void fixtures() throws IOException {
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        tasks = FixtureTasks.materialize(dir.resolve("fixtures"));
        tasksFile = dir.resolve("fixtures/tasks.jsonl");
        evaluator = Evaluator.using(docker.environments(), docker.provider());
    }

    private static EvalRequest inRunsDir(EvalRequest request) {
        return request.withRunsDir(dir.resolve("runs")).withCacheDir(dir.resolve("cache"));
    }

    /** Counts the instances graded now, so a resumed run can be seen not to grade anything twice. */
    private static final class Recorder implements EvalListener {
        final ConcurrentLinkedQueue<String> graded = new ConcurrentLinkedQueue<>();
        volatile int resumed = -1;

        @Override
        public void started(String runId, int toGrade, int resumed) {
            this.resumed = resumed;
        }

        @Override
        public void instanceFinished(InstanceResult result) {
            graded.add(result.instanceId());
        }
    }

    @Test
    void goldResolvesEveryTaskAndAResumedRunGradesEachInstanceOnce() throws IOException {
        EvalRequest gold = inRunsDir(EvalRequest.gold(tasksFile, "gold")).withWorkers(2);

        Recorder first = new Recorder();
        EvalReport partial = evaluator.evaluate(gold.withInstances(List.of(SEMVER)), first);
        assertThat(first.graded).containsExactly(SEMVER);
        assertThat(partial.instances()).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.RESOLVED_FULL));
        // The interrupted write of a second instance, as kill -9 leaves it.
        Path results = partial.resultsFile();
        Files.writeString(results, "{\"instance_id\":\"" + PATHKIT + "\",\"model\":\"go", StandardOpenOption.APPEND);

        Recorder second = new Recorder();
        EvalReport report = evaluator.evaluate(gold, second);

        assertThat(second.resumed).isEqualTo(1);
        assertThat(second.graded).hasSize(7).doesNotContain(SEMVER);
        assertThat(report.instances()).hasSize(8).allSatisfy(r -> {
            assertThat(r.outcome()).as(r.instanceId() + ": " + r.error()).isEqualTo(Outcome.RESOLVED_FULL);
            assertThat(r.tests()).isNotEmpty().allSatisfy((id, status) -> assertThat(status).isEqualTo(TestStatus.PASSED));
            assertThat(r.toolVersions()).contains("Apache Maven");
        });
        assertThat(report.count(Outcome.RESOLVED_FULL)).isEqualTo(8);
        assertThat(report.allGraded()).isTrue();

        List<String> lines = Files.readAllLines(results, StandardCharsets.UTF_8);
        Map<String, Long> perInstance = lines.stream()
                .map(l -> l.substring("{\"instance_id\":\"".length(), l.indexOf('"', "{\"instance_id\":\"".length())))
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        assertThat(lines).hasSize(8);
        assertThat(perInstance).hasSize(8).allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));

        Path runDir = report.runDir();
        assertThat(Files.readString(runDir.resolve("report.json"))).contains("\"resolved\" : 8", "\"tool_versions\"");
        assertThat(Files.readString(runDir.resolve("report.md"))).isEqualTo(report.summary())
                .contains("Resolved **8 of 8**");
        assertThat(Files.readString(runDir.resolve("logs").resolve(PATHKIT).resolve("build.log")))
                .contains("BUILD SUCCESS");
        assertThat(Files.readString(runDir.resolve("logs").resolve(PATHKIT).resolve("patch-apply.log")))
                .contains("patch: applied with GIT_APPLY", "test patch: applied");
        assertThat(runDir.resolve("work").resolve(PATHKIT)).doesNotExist();

        // A third attempt has nothing left to do.
        Recorder third = new Recorder();
        assertThat(evaluator.evaluate(gold, third).count(Outcome.RESOLVED_FULL)).isEqualTo(8);
        assertThat(third.graded).isEmpty();
    }

    @Test
    void anEmptyPatchResolvesNothingAndIsNotAnApplyFailure() {
        EvalReport report = evaluator.evaluate(inRunsDir(EvalRequest.empty(tasksFile, "empty")).withWorkers(2));
        assertThat(report.instances()).hasSize(8).allSatisfy(r ->
                assertThat(r.outcome()).as(r.instanceId() + ": " + r.error()).isEqualTo(Outcome.RESOLVED_NO));
        assertThat(report.allGraded()).isTrue();
    }

    @Test
    void wrongBrokenAndUnapplicablePatchesGetTheirOwnOutcomes() throws IOException {
        Path repos = dir.resolve("fixtures");
        Patch harmless = insertAfterFirstLine(repos.resolve("semver"), "src/main/java/com/acme/semver/Version.java",
                "// a change that compiles and fixes nothing");
        Patch broken = insertAfterFirstLine(repos.resolve("pathkit"), "src/main/java/com/acme/pathkit/PathJoiner.java",
                "this is not java;");
        Patch stale = Patch.ofText("""
                diff --git a/src/main/java/com/acme/strkit/Padding.java b/src/main/java/com/acme/strkit/Padding.java
                --- a/src/main/java/com/acme/strkit/Padding.java
                +++ b/src/main/java/com/acme/strkit/Padding.java
                @@ -1,2 +1,2 @@
                 package com.acme.elsewhere;
                -final class Missing {}
                +final class Present {}
                """);
        Path predictions = dir.resolve("predictions.jsonl");
        TaskFiles.writePredictions(predictions, List.of(
                new Prediction(SEMVER, "test-model", harmless),
                new Prediction(PATHKIT, "test-model", broken),
                new Prediction(STRKIT, "test-model", stale),
                new Prediction("nobody__nothing-1", "test-model", harmless)));

        EvalReport report = evaluator.evaluate(
                inRunsDir(EvalRequest.predictions(tasksFile, predictions, "errors")).withWorkers(2));

        Map<String, InstanceResult> byId = report.instances().stream()
                .collect(Collectors.toMap(InstanceResult::instanceId, r -> r));
        assertThat(byId).containsOnlyKeys(SEMVER, PATHKIT, STRKIT);
        assertThat(byId.get(SEMVER).outcome()).as(byId.get(SEMVER).error()).isEqualTo(Outcome.RESOLVED_NO);
        assertThat(byId.get(SEMVER).tests()).containsEntry("com.acme.semver.VersionTest#precedence", TestStatus.FAILED)
                .containsEntry("com.acme.semver.VersionTest#parsesAndPrintsBack", TestStatus.PASSED);
        assertThat(byId.get(SEMVER).model()).isEqualTo("test-model");
        assertThat(byId.get(PATHKIT).outcome()).isEqualTo(Outcome.BUILD_FAILED);
        assertThat(byId.get(PATHKIT).error()).contains("PathJoiner.java");
        assertThat(byId.get(STRKIT).outcome()).isEqualTo(Outcome.PATCH_APPLY_FAILED);
        assertThat(byId.get(STRKIT).error()).contains("does not apply");
        assertThat(report.withoutPrediction()).containsExactlyInAnyOrder("acme__csvlite-77", "acme__kvconf-31",
                "acme__money-58", "acme__tinyjson-31", "acme__rangekit-9");
        assertThat(report.unknownPredictions()).containsExactly("nobody__nothing-1");
        assertThat(report.summary()).contains("Without a patch (not graded) (5)", "| PATCH_APPLY_FAILED | 1 |",
                "| BUILD_FAILED | 1 |");
        assertThat(Files.readString(report.runDir().resolve("logs").resolve(STRKIT).resolve("patch-apply.log")))
                .contains("REJECTED", "GIT_APPLY failed", "FUZZY failed");
    }

    @Test
    void aFixtureTaskValidates() {
        ValidationReport report = evaluator.validate(ValidationRequest.of(tasksFile, 2)
                .withInstances(List.of(SEMVER)).withLogsDir(dir.resolve("validate")).withCacheDir(dir.resolve("cache")));
        assertThat(report.tasks()).singleElement().satisfies(v -> {
            assertThat(v.problems()).isEmpty();
            assertThat(v.flaky()).isEmpty();
            assertThat(v.withoutFix().get("com.acme.semver.VersionTest#precedence"))
                    .containsExactly(TestStatus.FAILED, TestStatus.FAILED);
            assertThat(v.withFix().get("com.acme.semver.VersionTest#precedence"))
                    .containsExactly(TestStatus.PASSED, TestStatus.PASSED);
        });
        assertThat(report.allValid()).isTrue();
        assertThat(report.summary()).contains("**1 of 1** tasks valid");
    }

    /** A one-line addition after the first line of a file, with real context from the checkout. */
    static Patch insertAfterFirstLine(Path repo, String path, String line) throws IOException {
        List<String> lines = Files.readAllLines(repo.resolve(path), StandardCharsets.UTF_8);
        int context = Math.min(3, lines.size());
        StringBuilder diff = new StringBuilder()
                .append("diff --git a/").append(path).append(" b/").append(path).append('\n')
                .append("--- a/").append(path).append('\n')
                .append("+++ b/").append(path).append('\n')
                .append("@@ -1,").append(context).append(" +1,").append(context + 1).append(" @@\n")
                .append(' ').append(lines.get(0)).append('\n')
                .append('+').append(line).append('\n');
        for (int i = 1; i < context; i++) {
            diff.append(' ').append(lines.get(i)).append('\n');
        }
        return Patch.ofText(diff.toString());
    }
}
