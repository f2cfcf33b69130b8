package dev.quorum.selection;

import dev.quorum.core.Patch;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.PatchApplication;
import dev.quorum.sandbox.Sandbox;
import dev.quorum.sandbox.TestRunResult;
import dev.quorum.sandbox.TestRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SWE-bench style grading for tests and the benchmark (the harness module is built separately): the patch, then
 * the task's test patch, then FAIL_TO_PASS and PASS_TO_PASS; resolved when all of them pass. Results are cached by
 * task and patch so that one patch is graded once.
 */
final class Grader {
    private final DockerTestEnvironment docker;
    private final Map<String, Boolean> cache = new ConcurrentHashMap<>();

    Grader(DockerTestEnvironment docker) {
        this.docker = docker;
    }

    boolean resolves(Task task, Patch patch) {
        if (patch.isEmpty()) {
            return false;
        }
        return cache.computeIfAbsent(task.instanceId() + "@" + patch.sha256(), k -> grade(task, patch));
    }

    private boolean grade(Task task, Patch patch) {
        try (Sandbox sandbox = docker.sandboxWith(Path.of(task.repo().spec()), task.build())) {
            if (sandbox.applyPatch(patch, "") instanceof PatchApplication.Rejected
                    || sandbox.applyPatch(task.testPatch(), "") instanceof PatchApplication.Rejected) {
                return false;
            }
            TestRunResult result = TestRunner.maven().run(sandbox, "", task.testsToRun(), task.build(), Duration.ofMinutes(10));
            if (!(result instanceof TestRunResult.Ran ran)) {
                return false;
            }
            for (TestId t : task.testsToRun()) {
                if (ran.requested().get(t) != TestStatus.PASSED) {
                    return false;
                }
            }
            return true;
        }
    }
}
