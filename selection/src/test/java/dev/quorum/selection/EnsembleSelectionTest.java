package dev.quorum.selection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Patch;
import dev.quorum.core.Task;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.tasks.Prediction;
import dev.quorum.tasks.TaskFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two systems' predictions, each right on a different task: the ensemble must resolve both. */
class EnsembleSelectionTest {
    private final DockerTestEnvironment docker = DockerTestEnvironment.get();

    @TempDir
    Path dir;

    @Test
    void selectsAcrossPredictionFilesWithoutTheTaskTestPatchAndResolvesAtLeastAsManyAsTheBetterInput() throws Exception {
        Task strkit = FixtureTasksForTests.named("acme__strkit-12");
        Task pathkit = FixtureTasksForTests.named("acme__pathkit-23");
        StrkitPools strkitPools = new StrkitPools(strkit);
        Path pathkitRepo = Path.of(pathkit.repo().spec());
        Patch strkitRight = Diffs.join(strkit.patch(), Diffs.newFile("src/test/java/com/acme/strkit/EmojiWidthTest.java", """
                package com.acme.strkit;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class EmojiWidthTest {
                    @Test
                    void keepsTextWhoseCodePointsFit() {
                        assertEquals("\\uD83D\\uDE80 go", Abbreviator.abbreviate("\\uD83D\\uDE80 go", 4));
                    }
                }
                """));
        Patch strkitWrong = strkitPools.popularWrong().getFirst();
        Patch pathkitRight = Diffs.join(pathkit.patch(), Diffs.newFile("src/test/java/com/acme/pathkit/RootClimbTest.java", """
                package com.acme.pathkit;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class RootClimbTest {
                    @Test
                    void dropsParentOfTheRoot() {
                        assertEquals("/a", PathNormalizer.normalize("/../a"));
                    }
                }
                """));
        Patch pathkitWrong = Diffs.modify(pathkitRepo, "src/main/java/com/acme/pathkit/PathNormalizer.java",
                Diffs.replace("segments.addLast(\"..\");", "// nothing to climb to: drop it"));
        Path p1 = dir.resolve("system-one.jsonl");
        Path p2 = dir.resolve("system-two.jsonl");
        TaskFiles.writePredictions(p1, List.of(new Prediction(strkit.instanceId(), "one", strkitRight),
                new Prediction(pathkit.instanceId(), "one", pathkitWrong)));
        TaskFiles.writePredictions(p2, List.of(new Prediction(strkit.instanceId(), "two", strkitWrong),
                new Prediction(pathkit.instanceId(), "two", pathkitRight)));

        Map<String, Map<String, Patch>> patches = new LinkedHashMap<>();
        for (Path file : List.of(p1, p2)) {
            for (Prediction p : TaskFiles.readPredictions(file).items()) {
                patches.computeIfAbsent(p.instanceId(), k -> new LinkedHashMap<>()).put(file.getFileName().toString(), p.patch());
            }
        }
        List<Task> tasks = List.of(strkit, pathkit);
        EnsembleSelection ensemble = new EnsembleSelection(Selectors.create(docker.provider(), docker.environments(), TestRunner.maven()),
                SelectionOptions.defaults().withAbstainThreshold(0));
        List<EnsembleSelection.Outcome> seen = new ArrayList<>();

        List<EnsembleSelection.Outcome> outcomes = ensemble.run(tasks, patches, Set.of(),
                task -> Path.of(task.repo().spec()), 2, seen::add);

        assertThat(seen).hasSize(2);
        Map<String, EnsembleSelection.Outcome> byTask = outcomes.stream()
                .collect(Collectors.toMap(EnsembleSelection.Outcome::instanceId, o -> o));
        assertThat(byTask.get(strkit.instanceId()).chosenSource()).isEqualTo("system-one.jsonl");
        assertThat(byTask.get(pathkit.instanceId()).chosenSource()).isEqualTo("system-two.jsonl");
        // The voters are the regression tests and the candidates' own tests, never the task's test patch.
        SelectionRequest request = EnsembleSelection.request(pathkit, pathkitRepo, patches.get(pathkit.instanceId()),
                SelectionOptions.defaults());
        assertThat(request.tests()).extracting(VoterTest::id).containsExactly("regression", "system-two.jsonl-tests");
        assertThat(request.tests()).noneMatch(v -> v.testPatch().equals(pathkit.testPatch()));
        Evidence pathkitEvidence = byTask.get(pathkit.instanceId()).result().evidence();
        assertThat(pathkitEvidence.scores()).filteredOn(s -> !s.regressionSafe()).hasSize(1);

        Path out = dir.resolve("selected.jsonl");
        TaskFiles.writePredictions(out, outcomes.stream()
                .map(o -> new Prediction(o.instanceId(), "quorum-select", o.patch())).toList());
        Grader grader = new Grader(docker);
        int selected = resolved(grader, tasks, out);
        int one = resolved(grader, tasks, p1);
        int two = resolved(grader, tasks, p2);
        assertThat(one).isEqualTo(1);
        assertThat(two).isEqualTo(1);
        assertThat(selected).isGreaterThanOrEqualTo(Math.max(one, two)).isEqualTo(2);

        // Resumable: instances already written are skipped.
        List<EnsembleSelection.Outcome> again = ensemble.run(tasks, patches,
                Set.of(strkit.instanceId(), pathkit.instanceId()), task -> Path.of(task.repo().spec()), 2, o -> { });
        assertThat(again).isEmpty();
        assertThat(Files.readString(out)).contains("quorum-select");
    }

    private static int resolved(Grader grader, List<Task> tasks, Path predictions) {
        Map<String, Patch> byId = new LinkedHashMap<>();
        TaskFiles.readPredictions(predictions).items().forEach(p -> byId.put(p.instanceId(), p.patch()));
        int n = 0;
        for (Task t : tasks) {
            Patch p = byId.get(t.instanceId());
            if (p != null && grader.resolves(t, p)) {
                n++;
            }
        }
        return n;
    }
}
