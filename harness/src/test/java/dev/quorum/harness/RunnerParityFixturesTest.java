package dev.quorum.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Patch;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.sandbox.CompiledState;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.Environments;
import dev.quorum.sandbox.PatchApplication;
import dev.quorum.sandbox.ReportedTest;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.sandbox.SandboxSpec;
import dev.quorum.sandbox.TestRunResult;
import dev.quorum.sandbox.TestRunner;
import dev.quorum.tasks.FixtureTasks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parity on every bundled fixture (one of them multi-module): the direct runner and Maven give the same outcome
 * for every test, at the base commit, with the test patch and an empty fix, and with the test patch and the gold
 * fix. Real Docker, real Maven; one compiled state per fixture, reused for all three.
 */
class RunnerParityFixturesTest {
    private static final Duration LIMIT = Duration.ofMinutes(10);

    @TempDir
    Path tmp;

    @Test
    void directAndMavenAgreeOnEveryFixtureAtBaseEmptyAndGold() throws Exception {
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        Environments environments = docker.environments().withCompiledState();
        List<String> problems = new ArrayList<>();
        List<Task> tasks = FixtureTasks.materialize(tmp);
        assertThat(tasks).hasSize(FixtureTasks.names().size());
        for (Task task : tasks) {
            Path repo = Path.of(task.repo().spec());
            CompiledState state = environments.ensureCompiledState(repo, task.build());
            assertThat(state.trusted()).as(task.instanceId() + ": " + state.reason()).isTrue();
            List<TestId> tests = classesOf(task.testsToRun());
            compare(problems, task, "base", state, List.of(), tests);
            compare(problems, task, "empty", state, List.of(task.testPatch()), tests);
            compare(problems, task, "gold", state, List.of(task.testPatch(), task.patch()), tests);
        }
        assertThat(problems).isEmpty();
    }

    private static void compare(List<String> problems, Task task, String control, CompiledState state,
                                List<Patch> patches, List<TestId> tests) {
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        try (Sandbox forMaven = docker.provider().create(SandboxSpec.of(state.tag()));
             Sandbox forDirect = docker.provider().create(SandboxSpec.of(state.tag()))) {
            for (Sandbox s : List.of(forMaven, forDirect)) {
                s.copyIn(Path.of(task.repo().spec()), "");
                patches.forEach(p -> assertThat(s.applyPatch(p, "")).isInstanceOf(PatchApplication.Applied.class));
            }
            TestRunResult maven = TestRunner.maven().run(forMaven, "", tests, task.build(), LIMIT);
            TestRunResult direct = TestRunner.choose().run(forDirect, "", tests, task.build(), LIMIT);
            String where = task.instanceId() + " (" + control + ")";
            assertThat(direct.runner()).as(where).isEqualTo("direct");
            assertThat(maven).as(where).isInstanceOf(TestRunResult.Ran.class);
            assertThat(direct).as(where).isInstanceOf(TestRunResult.Ran.class);
            Map<TestId, TestStatus> byMaven = outcomes((TestRunResult.Ran) maven);
            Map<TestId, TestStatus> byDirect = outcomes((TestRunResult.Ran) direct);
            assertThat(byMaven).as(where).isNotEmpty();
            if (!byMaven.equals(byDirect)) {
                problems.add(where + ": maven " + byMaven + " direct " + byDirect);
            }
        }
    }

    /** Every requested and reported test with its outcome (a test reported twice: the combined outcome). */
    static Map<TestId, TestStatus> outcomes(TestRunResult.Ran ran) {
        Map<TestId, TestStatus> m = new TreeMap<>(ran.requested());
        for (ReportedTest r : ran.reported()) {
            m.merge(r.id(), r.status(), TestStatus::combine);
        }
        return m;
    }

    private static List<TestId> classesOf(List<TestId> tests) {
        return tests.stream().map(t -> TestId.ofClass(t.topLevelClass())).distinct().toList();
    }
}
