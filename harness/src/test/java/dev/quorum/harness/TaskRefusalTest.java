package dev.quorum.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input the harness refuses before any sandbox starts: a task that nothing could fail (no FAIL_TO_PASS), and a run
 * id re-used with other inputs. No instance gets to grading here, so the steps that would grade are not wired.
 */
class TaskRefusalTest {
    @TempDir
    Path dir;

    private final RunEvaluation evaluation = new RunEvaluation(new Instances(null, null, null));

    private Path tasks(String... lines) throws IOException {
        Path file = dir.resolve("tasks.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aTaskWithATypodOrEmptyFailToPassIsRefusedAndNeverResolved() throws IOException {
        Path file = tasks("""
                {"instance_id":"a__b-1","repo":"a/b","base_commit":"abc","patch":"x","FAIL_TO_PAS":["a.FooTest"]}""",
                """
                {"instance_id":"a__b-2","repo":"a/b","base_commit":"abc","patch":"x","FAIL_TO_PASS":[]}""");

        EvalReport report = evaluation.run(EvalRequest.gold(file, "gold").withRunsDir(dir.resolve("runs")),
                EvalListener.silent());

        assertThat(report.instances()).isEmpty();
        assertThat(report.count(Outcome.RESOLVED_FULL)).isZero();
        assertThat(report.inputErrors()).hasSize(2).allSatisfy(e ->
                assertThat(e).contains("FAIL_TO_PASS is missing or empty").contains("not graded"));
        assertThat(report.inputWarnings()).singleElement().satisfies(w ->
                assertThat(w).contains(":1: FAIL_TO_PAS: unknown key").contains("did you mean FAIL_TO_PASS?"));
        assertThat(report.allGraded()).isFalse();
        assertThat(Files.readString(report.reportFile())).contains("\"input_warnings\"", "did you mean FAIL_TO_PASS");
        assertThat(report.summary()).contains("tasks refused", "FAIL_TO_PASS is missing or empty");
        // Asked for by name, a refused task is not "no such instance": the refusal says what is wrong.
        EvalReport named = evaluation.run(EvalRequest.gold(file, "gold").withRunsDir(dir.resolve("runs"))
                .withInstances(java.util.List.of("a__b-1")), EvalListener.silent());
        assertThat(named.inputErrors()).anySatisfy(e -> assertThat(e).contains("a__b-1"));
    }

    @Test
    void aRunIdReusedWithOtherInputsIsRefusedUnlessForced() throws IOException {
        Path file = tasks("""
                {"instance_id":"a__b-1","repo":"a/b","base_commit":"abc","FAIL_TO_PASS":[]}""");
        Path runs = dir.resolve("runs");
        Path predictions = Files.writeString(dir.resolve("preds.jsonl"), "");
        Path other = Files.writeString(dir.resolve("other.jsonl"), "");
        evaluation.run(EvalRequest.predictions(file, predictions, "r1").withRunsDir(runs), EvalListener.silent());

        assertThatThrownBy(() -> evaluation.run(EvalRequest.predictions(file, other, "r1").withRunsDir(runs),
                EvalListener.silent()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other inputs").hasMessageContaining("predictions was")
                .hasMessageContaining("--force");
        assertThatThrownBy(() -> evaluation.run(EvalRequest.predictions(file, predictions, "r1").withRunsDir(runs)
                .withStrict(true), EvalListener.silent()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strict was false, now true");
        assertThatThrownBy(() -> evaluation.run(EvalRequest.empty(file, "r1").withRunsDir(runs),
                EvalListener.silent()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("patches was PREDICTIONS");

        evaluation.run(EvalRequest.predictions(file, predictions, "r1").withRunsDir(runs), EvalListener.silent());
        evaluation.run(EvalRequest.predictions(file, other, "r1").withRunsDir(runs).withForce(true),
                EvalListener.silent());
        assertThat(Files.readString(runs.resolve("r1/config.json"))).contains("other.jsonl");
    }
}
