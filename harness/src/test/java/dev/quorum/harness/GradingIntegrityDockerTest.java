package dev.quorum.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.core.Patch;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.tasks.FixtureTasks;
import dev.quorum.tasks.Prediction;
import dev.quorum.tasks.TaskFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loopholes a prediction could use to be graded resolved without fixing anything, against real Docker sandboxes
 * and the semver fixture: new test files outside the test patch that make every failing test pass (a JUnit
 * extension that swallows failures, switched on by a test resource), and a change to the build file.
 */
class GradingIntegrityDockerTest {
    private static final String SEMVER = "acme__semver-40";
    private static final List<String> FORGIVING_FILES = List.of(
            "src/test/java/com/acme/semver/Forgive.java",
            "src/test/resources/META-INF/services/org.junit.jupiter.api.extension.Extension",
            "src/test/resources/junit-platform.properties");

    @TempDir
    static Path dir;
    private static Path tasksFile;
    private static Path predictions;
    private static Evaluator evaluator;

    @BeforeAll
    static void fixtures() throws IOException {
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        FixtureTasks.materialize(dir.resolve("fixtures"));
        tasksFile = dir.resolve("fixtures/tasks.jsonl");
        evaluator = Evaluator.using(docker.environments(), docker.provider());
        Patch pom = EvaluatorDockerTest.insertAfterFirstLine(dir.resolve("fixtures/semver"), "pom.xml",
                "<!-- the prediction changed the build -->");
        Patch forgiving = Patch.ofText(pom.text()
                + newFile(FORGIVING_FILES.get(0), """
                        package com.acme.semver;

                        import org.junit.jupiter.api.extension.ExtensionContext;
                        import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

                        public class Forgive implements TestExecutionExceptionHandler {
                            @Override
                            public void handleTestExecutionException(ExtensionContext context, Throwable failure) {
                            }
                        }
                        """)
                + newFile(FORGIVING_FILES.get(1), "com.acme.semver.Forgive\n")
                + newFile(FORGIVING_FILES.get(2), "junit.jupiter.extensions.autodetection.enabled=true\n"));
        predictions = dir.resolve("predictions.jsonl");
        TaskFiles.writePredictions(predictions, List.of(new Prediction(SEMVER, "loophole-model", forgiving)));
    }

    private static String newFile(String path, String content) {
        List<String> lines = content.lines().toList();
        StringBuilder diff = new StringBuilder("diff --git a/" + path + " b/" + path + "\nnew file mode 100644\n"
                + "--- /dev/null\n+++ b/" + path + "\n@@ -0,0 +1," + lines.size() + " @@\n");
        lines.forEach(l -> diff.append('+').append(l).append('\n'));
        return diff.toString();
    }

    private static EvalRequest request(String runId) {
        return EvalRequest.predictions(tasksFile, predictions, runId).withRunsDir(dir.resolve("runs"))
                .withCacheDir(dir.resolve("cache")).withInstances(List.of(SEMVER));
    }

    @Test
    void testFilesAPredictionAddsAreResetAndItsBuildChangeIsFlaggedOrResetWhenStrict() throws IOException {
        EvalReport report = evaluator.evaluate(request("loophole"));

        InstanceResult result = report.instances().getFirst();
        // With its failure-swallowing extension in place, the unfixed code would pass every FAIL_TO_PASS test.
        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.RESOLVED_NO);
        assertThat(result.testsReset()).containsExactlyElementsOf(FORGIVING_FILES);
        assertThat(result.buildFilesChanged()).containsExactly("pom.xml");
        assertThat(result.buildFilesReset()).isFalse();
        assertThat(Files.readString(report.reportFile())).contains("\"tests_reset\" : [ \"" + SEMVER + "\" ]",
                "\"build_files_changed\" : [ \"" + SEMVER + "\" ]", "\"strict\" : false");
        assertThat(report.summary()).contains("tests reset (3)", "build changed (pom.xml)");
        assertThat(Files.readString(report.runDir().resolve("logs").resolve(SEMVER).resolve(Apply.LOG)))
                .contains("reset to the base commit: " + FORGIVING_FILES, "test patch: applied with GIT_APPLY");

        // The same run id with other inputs is refused; forced, it keeps its earlier results.
        assertThatThrownBy(() -> evaluator.evaluate(request("loophole").withStrict(true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strict was false, now true");
        assertThat(evaluator.evaluate(request("loophole").withStrict(true).withForce(true)).instances())
                .containsExactly(result);

        EvalReport strict = evaluator.evaluate(request("loophole-strict").withStrict(true));
        InstanceResult strictResult = strict.instances().getFirst();
        assertThat(strictResult.outcome()).as(strictResult.error()).isEqualTo(Outcome.RESOLVED_NO);
        assertThat(strictResult.buildFilesChanged()).containsExactly("pom.xml");
        assertThat(strictResult.buildFilesReset()).isTrue();
        assertThat(strict.summary()).contains("build changed, reset (pom.xml)", "reset too: --strict");
    }
}
