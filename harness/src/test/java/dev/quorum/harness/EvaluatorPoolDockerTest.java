package dev.quorum.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.Sandboxes;
import dev.quorum.sandbox.SecondDockerEngine;
import dev.quorum.tasks.FixtureTasks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grading over a pool of two real Docker engines (the shared one and a {@link SecondDockerEngine}) gives the
 * outcomes grading on the single engine gives, even when the second engine goes down while it runs an instance.
 */
class EvaluatorPoolDockerTest {
    private static final List<String> INSTANCES = List.of("acme__semver-40", "acme__pathkit-23");

    @TempDir
    static Path dir;
    static DockerTestEnvironment docker;
    static SecondDockerEngine second;
    static Path tasksFile;

    @BeforeAll
    static void setUp() throws Exception {
        docker = DockerTestEnvironment.get();
        FixtureTasks.materialize(dir.resolve("fixtures"));
        tasksFile = dir.resolve("fixtures/tasks.jsonl");
        second = SecondDockerEngine.start();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (second != null) {
            second.close();
        }
    }

    private static EvalRequest gold(String runId) {
        return EvalRequest.gold(tasksFile, runId).withInstances(INSTANCES).withWorkers(2)
                .withRunsDir(dir.resolve("runs")).withCacheDir(dir.resolve("cache"));
    }

    private static Map<String, Outcome> outcomes(EvalReport report) {
        Map<String, Outcome> byId = new TreeMap<>();
        report.instances().forEach(r -> byId.put(r.instanceId(), r.outcome()));
        return byId;
    }

    @Test
    void aPoolWhoseSecondEngineStopsMidRunGradesAsTheSingleEngineDoes() {
        EvalReport single = Evaluator.using(docker.environments(), docker.provider()).evaluate(gold("single"));
        assertThat(outcomes(single)).hasSize(2).allSatisfy((id, o) -> assertThat(o).isEqualTo(Outcome.RESOLVED_FULL));

        AtomicInteger finished = new AtomicInteger();
        try (SandboxProvider pool = Sandboxes.dockerPool(List.of(docker.engine(), second.engine()))) {
            // Stop the second engine once one of the instances has a sandbox on it, before either is graded.
            CompletableFuture<Integer> finishedWhenStopped = CompletableFuture.supplyAsync(() -> {
                try {
                    if (!second.awaitSandbox(Duration.ofMinutes(5))) {
                        return -1;
                    }
                    Thread.sleep(2_000);
                    int done = finished.get();
                    second.stop();
                    return done;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            });
            EvalReport pooled = Evaluator.using(docker.environments(), pool).evaluate(gold("pool"),
                    new EvalListener() {
                        @Override
                        public void instanceFinished(InstanceResult result) {
                            finished.incrementAndGet();
                        }
                    });

            assertThat(finishedWhenStopped.join()).as("the second engine was stopped mid-run").isZero();
            assertThat(second.isRunning()).isFalse();
            assertThat(outcomes(pooled)).isEqualTo(outcomes(single));
            assertThat(pooled.allGraded()).isTrue();
            assertThat(pooled.instances()).allSatisfy(r -> assertThat(r.tests()).isNotEmpty());
        }
    }
}
