package dev.quorum.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.BuildHints;
import dev.quorum.core.Patch;
import dev.quorum.core.RepoRef;
import dev.quorum.core.Task;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.RealRepoShapes;
import dev.quorum.tasks.TaskFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quorum eval --gold} on repositories shaped like the real ones that used to end ENV_FAILED: a strict
 * Error Prone + {@code -Werror} build, a Maven Wrapper without its jar, a Java 6 code base. Each is graded
 * RESOLVED_FULL and its result names the Maven and JDK that ran it.
 */
class RealRepoShapesDockerTest {
    @TempDir
    static Path dir;

    private static Task task(String name, RealRepoShapes.Shape shape) {
        return new Task("shapes__" + name + "-1", new RepoRef(shape.repo().toString()), shape.baseCommit(),
                "The test " + shape.failToPass() + " fails.", "", shape.gold(), Patch.empty(),
                List.of(shape.failToPass()), List.of(), BuildHints.none());
    }

    @Test
    void goldResolvesEachShapeAndTheResultNamesTheToolsThatRan() throws IOException {
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        List<Task> tasks = List.of(
                task("strict", RealRepoShapes.strictErrorProne(dir.resolve("repos/strict"))),
                task("wrapper", RealRepoShapes.wrapperWithoutJar(dir.resolve("repos/wrapper"))),
                task("java6", RealRepoShapes.java6(dir.resolve("repos/java6"))));
        Path file = dir.resolve("tasks.jsonl");
        TaskFiles.writeTasks(file, tasks);
        EvalReport report = Evaluator.using(docker.environments(), docker.provider()).evaluate(
                EvalRequest.gold(file, "shapes").withRunsDir(dir.resolve("runs")).withCacheDir(dir.resolve("cache")));

        Map<String, InstanceResult> byId = report.instances().stream()
                .collect(Collectors.toMap(InstanceResult::instanceId, r -> r));
        assertThat(byId.values()).allSatisfy(r -> assertThat(r.outcome()).as(r.instanceId() + ": " + r)
                .isEqualTo(Outcome.RESOLVED_FULL));
        assertThat(byId.get("shapes__wrapper-1").toolVersions()).contains("Apache Maven 3.9.9", "(wrapper");
        assertThat(byId.get("shapes__java6-1").toolVersions()).contains("Java version: 11.", "JDK 11 (wanted 8:");
        assertThat(byId.get("shapes__strict-1").toolVersions()).contains("Java version: 17.", "JDK 17");
    }
}
