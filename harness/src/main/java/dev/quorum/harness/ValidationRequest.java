package dev.quorum.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which tasks to validate and how often.
 *
 * @param tasks       the task file (JSONL)
 * @param runs        test runs per condition (without the fix, with it); a test whose status differs between
 *                    runs of one condition is flaky
 * @param instanceIds only these instances (all when empty)
 * @param logsDir     where per-instance logs go ({@code runs/validate} by default)
 * @param cacheDir    repository mirrors; null for {@code .quorum-cache/repos} next to {@code logsDir}'s parent
 * @param workers     tasks validated at once; 0 for the default
 * @param testTimeout wall-clock limit of one test run
 */
public record ValidationRequest(Path tasks, int runs, List<String> instanceIds, Path logsDir, Path cacheDir,
                                int workers, Duration testTimeout) {

    public ValidationRequest {
        Objects.requireNonNull(tasks, "tasks");
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, was " + runs);
        }
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be 0 (default) or positive, was " + workers);
        }
        instanceIds = instanceIds == null ? List.of() : List.copyOf(instanceIds);
        logsDir = logsDir == null ? Path.of("runs", "validate") : logsDir;
        testTimeout = testTimeout == null ? EvalRequest.DEFAULT_TEST_TIMEOUT : testTimeout;
    }

    public static ValidationRequest of(Path tasks, int runs) {
        return new ValidationRequest(tasks, runs, List.of(), null, null, 0, null);
    }

    public ValidationRequest withInstances(List<String> ids) {
        return new ValidationRequest(tasks, runs, ids, logsDir, cacheDir, workers, testTimeout);
    }

    public ValidationRequest withLogsDir(Path dir) {
        return new ValidationRequest(tasks, runs, instanceIds, dir, cacheDir, workers, testTimeout);
    }

    public ValidationRequest withCacheDir(Path dir) {
        return new ValidationRequest(tasks, runs, instanceIds, logsDir, dir, workers, testTimeout);
    }

    public ValidationRequest withWorkers(int n) {
        return new ValidationRequest(tasks, runs, instanceIds, logsDir, cacheDir, n, testTimeout);
    }

    public Path effectiveCacheDir() {
        if (cacheDir != null) {
            return cacheDir;
        }
        Path parent = logsDir.toAbsolutePath().normalize().getParent();
        Path base = parent == null ? logsDir.toAbsolutePath() : parent;
        return (base.getParent() == null ? base : base.getParent()).resolve(".quorum-cache").resolve("repos");
    }
}
