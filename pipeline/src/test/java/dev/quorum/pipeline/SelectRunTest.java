package dev.quorum.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.core.Patch;
import dev.quorum.core.Task;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.selection.SelectionOptions;
import dev.quorum.selection.SelectionResult;
import dev.quorum.selection.Selector;
import dev.quorum.selection.Selectors;
import dev.quorum.tasks.FixtureTasks;
import dev.quorum.tasks.Prediction;
import dev.quorum.tasks.RepoCache;
import dev.quorum.tasks.TaskFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code quorum select}'s logic, now in the pipeline: given diffs are the only candidate source. */
class SelectRunTest {
    @TempDir
    Path tmp;

    private final DockerTestEnvironment docker = DockerTestEnvironment.get();
    private final List<String> notes = new ArrayList<>();

    private SelectRun run(Path runDir) {
        Selector selector = Selectors.create(docker.provider(), docker.environments(), TestRunner.maven());
        return new SelectRun(selector, SelectionOptions.defaults(), new RepoCache(tmp.resolve("mirrors")), runDir,
                notes::add);
    }

    private Task strkit() throws Exception {
        return FixtureTasks.materialize(tmp.resolve("fixtures")).stream()
                .filter(t -> t.instanceId().equals("acme__strkit-12")).findFirst().orElseThrow();
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theGivenVoterTestPicksTheFixOverAnUnrelatedEditAndTheEvidenceIsWritten() throws Exception {
        Task task = strkit();
        Path candidates = Files.createDirectories(tmp.resolve("candidates"));
        Files.write(candidates.resolve("fix.diff"), task.patch().bytes());
        Files.write(candidates.resolve("comment.diff"), commentOnly(task).bytes());
        Path tests = Files.createDirectories(tmp.resolve("tests"));
        Files.write(tests.resolve("issue.diff"), task.testPatch().bytes());
        Path runDir = tmp.resolve("runs").resolve("one");

        SelectRun.SingleOutcome outcome = run(runDir).single(new SelectRun.Single(task.repo().spec(),
                task.baseCommit(), task.problemStatement(), candidates, tests), null);

        assertThat(outcome.result()).isInstanceOf(SelectionResult.Chosen.class);
        SelectionResult.Chosen chosen = (SelectionResult.Chosen) outcome.result();
        assertThat(chosen.candidateId()).isEqualTo("fix");
        assertThat(Files.readAllBytes(runDir.resolve("patch.diff"))).isEqualTo(task.patch().bytes());
        assertThat(outcome.evidence()).isEqualTo(runDir.resolve("select.json"));
        assertThat(Files.readString(outcome.evidence())).contains("\"fix\"", "\"comment\"");
    }

    @Test
    void aCandidatesDirectoryWithoutDiffsIsABadInputNamingTheDirectory() throws Exception {
        Task task = strkit();
        Path empty = Files.createDirectories(tmp.resolve("none"));
        assertThatThrownBy(() -> run(tmp.resolve("runs").resolve("empty")).single(new SelectRun.Single(
                task.repo().spec(), task.baseCommit(), "text", empty, null), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("one candidate patch per file");
    }

    @Test
    void anEnsembleRerunSkipsInstancesAlreadySelectedAndKeepsThem() throws Exception {
        Task task = strkit();
        Path tasks = tmp.resolve("tasks.jsonl");
        TaskFiles.writeTasks(tasks, List.of(task));
        Path predictions = tmp.resolve("a.jsonl");
        TaskFiles.writePredictions(predictions, List.of(new Prediction(task.instanceId(), "a", task.patch())));
        Path out = tmp.resolve("selected.jsonl");
        TaskFiles.writePredictions(out, List.of(new Prediction(task.instanceId(), "quorum-select", task.patch())));
        byte[] before = Files.readAllBytes(out);

        SelectRun.EnsembleOutcome outcome = run(tmp.resolve("runs").resolve("ens"))
                .ensemble(tasks, List.of(predictions), out, 1);

        assertThat(outcome.written()).isEqualTo(1);
        assertThat(outcome.failures()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(before);
        assertThat(notes).noneMatch(n -> n.contains("chose") || n.contains("abstained"));
    }

    /** A candidate that only adds a comment to the file the fix touches: applies, fixes nothing. */
    private Patch commentOnly(Task task) throws Exception {
        Path checkout = new RepoCache(tmp.resolve("mirrors")).checkout(task.repo(), task.baseCommit(),
                tmp.resolve("edit"));
        String path = task.patch().touchedPaths().get(0);
        Files.writeString(checkout.resolve(path), "// an unrelated remark\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Process git = new ProcessBuilder("git", "diff").directory(checkout.toFile()).start();
        byte[] diff = git.getInputStream().readAllBytes();
        assertThat(git.waitFor()).isZero();
        assertThat(diff).isNotEmpty();
        return new Patch(diff);
    }
}
