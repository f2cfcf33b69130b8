package dev.quorum.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.core.Issue;
import dev.quorum.core.Patch;
import dev.quorum.core.RepoRef;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import dev.quorum.model.ModelClients;
import dev.quorum.model.ModelRef.Provider;
import dev.quorum.model.Spend;
import dev.quorum.model.testing.ScriptedModelServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming {@code infer} and re-using run ids with bad or changed input: no instance here reaches a model or a
 * sandbox (each is already predicted, or is refused), so none are wired; the model client is a real one pointed at
 * the scripted server, which no request reaches.
 */
class ResumeInputsTest {
    @TempDir
    Path dir;

    private final ScriptedModelServer server = ScriptedModelServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private Inference inference() {
        Solve solve = new Solve(ModelClients.fromSettings(server.settings(Provider.OPENAI_COMPATIBLE, "scripted")),
                null, null, null, null);
        return new Inference(solve, "quorum/scripted", null);
    }

    private static Task task(String id, String problem) {
        return new Task(id, new RepoRef("acme/x"), "abc", problem, "", Patch.empty(), Patch.empty(),
                List.of(TestId.parse("a.FooTest#bar")), List.of(), null);
    }

    private static final String DONE = "{\"instance_id\":\"acme__x-1\",\"model_name_or_path\":\"m\",\"model_patch\":\"\"}\n";

    @Test
    void aTornLastLineIsCutOffAndAnEmptyProblemStatementFailsOnlyItsTask() throws Exception {
        Path predictions = dir.resolve("predictions.jsonl");
        Files.writeString(predictions, DONE + "{\"instance_id\":\"acme__x-9\",\"model_na", StandardCharsets.UTF_8);

        List<Inference.InstanceOutcome> outcomes = inference().run(
                List.of(task("acme__x-1", "it breaks"), task("acme/x#2", "  \n")), predictions, dir.resolve("runs"),
                "infer", 1, 2);

        assertThat(Files.readString(predictions)).isEqualTo(DONE);
        assertThat(outcomes).extracting(Inference.InstanceOutcome::instanceId, Inference.InstanceOutcome::result)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("acme__x-1", "already predicted"),
                        org.assertj.core.groups.Tuple.tuple("acme/x#2", "failed"));
        assertThat(outcomes).filteredOn(o -> o.instanceId().equals("acme/x#2")).singleElement()
                .satisfies(o -> assertThat(o.error()).contains("empty problem_statement"));
    }

    @Test
    void twoPredictionsOnOneLineStopTheResumeWithFileAndLine() throws Exception {
        Path predictions = dir.resolve("predictions.jsonl");
        Files.writeString(predictions, DONE.strip() + DONE, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> inference().run(List.of(task("acme__x-1", "it breaks")), predictions,
                dir.resolve("runs"), "infer", 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(predictions + ":1:").hasMessageContaining("more than one JSON value");
    }

    @Test
    void aRunIdIsNotReusedWithOtherInputsUnlessForced() {
        Path runs = dir.resolve("runs");
        SolveRequest.Options gpt = SolveRequest.Options.defaults().withInputs(Map.of("model", "openai/gpt-x"), false);
        RunDirectory.open(request(runs, "the bug", 2, gpt), () -> new Spend(0, 0), SolveListener.silent(), dev.quorum.core.Redactor.patternsOnly());

        RunDirectory.open(request(runs, "the bug", 2, gpt), () -> new Spend(0, 0), SolveListener.silent(), dev.quorum.core.Redactor.patternsOnly());
        SolveRequest.Options claude = gpt.withInputs(Map.of("model", "anthropic/claude"), false);
        assertThatThrownBy(() -> RunDirectory.open(request(runs, "the bug", 2, claude), () -> new Spend(0, 0),
                SolveListener.silent(), dev.quorum.core.Redactor.patternsOnly()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other inputs (inputs differ)")
                .hasMessageContaining("--force");
        assertThatThrownBy(() -> RunDirectory.open(request(runs, "another bug", 3, gpt), () -> new Spend(0, 0),
                SolveListener.silent(), dev.quorum.core.Redactor.patternsOnly()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issue, samples differ");

        RunDirectory.open(request(runs, "the bug", 2, claude.withInputs(claude.inputs(), true)),
                () -> new Spend(0, 0), SolveListener.silent(), dev.quorum.core.Redactor.patternsOnly());
        RunDirectory.open(request(runs, "the bug", 2, claude), () -> new Spend(0, 0), SolveListener.silent(), dev.quorum.core.Redactor.patternsOnly());
    }

    private static SolveRequest request(Path runs, String issue, int samples, SolveRequest.Options options) {
        return new SolveRequest(new RepoRef("acme/x"), "abc", new Issue("", issue, ""), samples, null, runs, "r1",
                options);
    }
}
