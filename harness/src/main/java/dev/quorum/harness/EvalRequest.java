package dev.quorum.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to evaluate and where to write it.
 *
 * @param tasks       the task file (JSONL)
 * @param predictions the predictions file; required for {@link Patches#PREDICTIONS}, ignored otherwise
 * @param patches     which patch each task is graded with
 * @param runId       names {@code runsDir/<runId>}; re-running an id resumes it
 * @param runsDir     where run directories go ({@code runs} relative to the working directory by default)
 * @param cacheDir    where repository mirrors are kept; null for {@code .quorum-cache/repos} next to {@code runsDir}
 * @param workers     instances graded at once; 0 for the default, min(cores, free memory / 3 GiB), at least 1
 * @param instanceIds only these instances (all when empty)
 * @param testTimeout wall-clock limit of one instance's test run
 * @param strict      also reset the build files a patch changed ({@code pom.xml}, {@code .mvn/**}, wrappers) to the
 *                    base commit before the tests run; test files are reset always
 * @param force       re-use a run id whose earlier attempts had other inputs (task file, predictions file, kind of
 *                    patch, strictness); refused otherwise
 */
public record EvalRequest(Path tasks, Path predictions, Patches patches, String runId, Path runsDir, Path cacheDir,
                          int workers, List<String> instanceIds, Duration testTimeout, boolean strict,
                          boolean force) {

    public static final Duration DEFAULT_TEST_TIMEOUT = Duration.ofMinutes(30);

    /** Where each task's patch comes from. */
    public enum Patches {
        /** The model's patch from the predictions file. */
        PREDICTIONS,
        /** The task's reference fix: a control that should resolve everything. */
        GOLD,
        /** No change at all: a control that should resolve nothing. */
        EMPTY
    }

    public EvalRequest {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(patches, "patches");
        Objects.requireNonNull(runId, "runId");
        if (!runId.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("a run id is letters, digits, '.', '_' and '-' (it names a"
                    + " directory), was '" + runId + "'");
        }
        if (patches == Patches.PREDICTIONS && predictions == null) {
            throw new IllegalArgumentException("grading predictions needs a predictions file (or use --gold or"
                    + " --empty for the controls)");
        }
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be 0 (default) or positive, was " + workers);
        }
        runsDir = runsDir == null ? Path.of("runs") : runsDir;
        instanceIds = instanceIds == null ? List.of() : List.copyOf(instanceIds);
        testTimeout = testTimeout == null ? DEFAULT_TEST_TIMEOUT : testTimeout;
    }

    public static EvalRequest predictions(Path tasks, Path predictions, String runId) {
        return new EvalRequest(tasks, predictions, Patches.PREDICTIONS, runId, null, null, 0, List.of(), null, false,
                false);
    }

    public static EvalRequest gold(Path tasks, String runId) {
        return new EvalRequest(tasks, null, Patches.GOLD, runId, null, null, 0, List.of(), null, false, false);
    }

    public static EvalRequest empty(Path tasks, String runId) {
        return new EvalRequest(tasks, null, Patches.EMPTY, runId, null, null, 0, List.of(), null, false, false);
    }

    public EvalRequest withRunsDir(Path dir) {
        return new EvalRequest(tasks, predictions, patches, runId, dir, cacheDir, workers, instanceIds, testTimeout, strict,
                force);
    }

    public EvalRequest withCacheDir(Path dir) {
        return new EvalRequest(tasks, predictions, patches, runId, runsDir, dir, workers, instanceIds, testTimeout, strict,
                force);
    }

    public EvalRequest withWorkers(int n) {
        return new EvalRequest(tasks, predictions, patches, runId, runsDir, cacheDir, n, instanceIds, testTimeout, strict,
                force);
    }

    public EvalRequest withInstances(List<String> ids) {
        return new EvalRequest(tasks, predictions, patches, runId, runsDir, cacheDir, workers, ids, testTimeout, strict,
                force);
    }

    public EvalRequest withTestTimeout(Duration timeout) {
        return new EvalRequest(tasks, predictions, patches, runId, runsDir, cacheDir, workers, instanceIds, timeout, strict,
                force);
    }

    public EvalRequest withStrict(boolean strictGrading) {
        return new EvalRequest(tasks, predictions, patches, runId, runsDir, cacheDir, workers, instanceIds, testTimeout,
                strictGrading, force);
    }

    public EvalRequest withForce(boolean forceRunId) {
        return new EvalRequest(tasks, predictions, patches, runId, runsDir, cacheDir, workers, instanceIds, testTimeout,
                strict, forceRunId);
    }

    /** {@code runsDir/runId}. */
    public Path runDir() {
        return runsDir.resolve(runId);
    }

    /** The mirror cache actually used. */
    public Path effectiveCacheDir() {
        if (cacheDir != null) {
            return cacheDir;
        }
        Path parent = runsDir.toAbsolutePath().normalize().getParent();
        return (parent == null ? runsDir.toAbsolutePath() : parent).resolve(".quorum-cache").resolve("repos");
    }
}
